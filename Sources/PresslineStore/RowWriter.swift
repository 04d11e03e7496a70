import GRDB
import GRDBSQLite

/// Writes rows through a prepared statement with SQLite's own bind calls. GRDB's `StatementArguments` box
/// every value in an existential on its way to SQLite, and an article has a few hundred mention, quote and
/// date rows: the boxing cost more than SQLite's own work (docs/BENCHMARKS.md; `StoreStageTests` round-trips).
///
/// ```swift
/// let row = RowWriter(try db.cachedStatement(sql: "INSERT INTO dates (article_id, start) VALUES (?, ?)"))
/// try row.insert { $0.text(id); $0.integer(start) }
/// ```
struct RowWriter {
    private let statement: Statement

    init(_ statement: Statement) { self.statement = statement }

    /// The values of one row, bound in column order.
    struct Values {
        fileprivate let handle: OpaquePointer
        fileprivate var column: Int32 = 1

        mutating func text(_ value: String) {
            var value = value
            value.withUTF8 { bytes in
                if let base = bytes.baseAddress {
                    _ = sqlite3_bind_text(handle, column, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
                } else {
                    _ = sqlite3_bind_text(handle, column, "", 0, Self.transient)
                }
            }
            column += 1
        }

        mutating func text(_ value: String?) {
            if let value { text(value) } else { null() }
        }

        mutating func integer(_ value: Int) {
            sqlite3_bind_int64(handle, column, Int64(value))
            column += 1
        }

        mutating func integer(_ value: Int?) {
            if let value { integer(value) } else { null() }
        }

        mutating func null() {
            sqlite3_bind_null(handle, column)
            column += 1
        }

        /// SQLite copies the bytes before `bind` returns (SQLITE_TRANSIENT).
        private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }

    /// Binds one row with `bind` and runs the statement; a failure throws as GRDB's own errors do.
    func insert(_ bind: (inout Values) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var values = Values(handle: handle)
        bind(&values)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}
