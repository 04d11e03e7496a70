import Foundation
import GRDB
import PresslineCore
import PresslineJSON
import PresslineRuntime

/// Writes article records to SQLite: one transaction per batch, idempotent by article id.
///
/// ```swift
/// let store = try ArticleStore(path: "pressline-data/articles.db")
/// try store.save([record])       // committed when this returns
/// ```
public final class ArticleStore: @unchecked Sendable {
    // DatabaseQueue serialises access itself; the class holds nothing else mutable.
    private let database: DatabaseQueue

    /// Opens (or creates) the store at `path` and migrates its schema.
    /// - Parameter maxBytes: a quota: once the file would grow past it, saves fail with
    ///   ``StoreWriteError/unavailable(_:)`` exactly as on a full disk, until the quota is raised.
    public init(path: String, maxBytes: Int? = nil) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            for pragma in DurableSQLite.pragmas { try db.execute(sql: pragma) }
            if let maxBytes {
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                try db.execute(sql: "PRAGMA max_page_count = \(max(1, maxBytes / pageSize))")
            }
        }
        // Several store workers may share the file; wait for the writer lock rather than fail.
        configuration.busyMode = .timeout(10)
        // Several stores starting on a new file would each see no schema and race to create it: one migrates
        // while the others wait (`StoreStageTests.concurrentMigrations`).
        let migration = try FileLock(path: path + ".lock", wait: true)
        defer { migration.release() }
        database = try DatabaseQueue(path: path, configuration: configuration)
        // SQLite gives the -wal and -shm files the database file's mode.
        PrivateFiles.restrict([path, path + "-wal", path + "-shm"])
        try database.writeWithoutTransaction { db in _ = try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try StoreSchema.migrator.migrate(database)
    }

    /// Upserts `records` in one transaction: a record whose id exists replaces the old one and its rows.
    /// Nothing is committed when it throws.
    public func save(_ records: [ArticleRecord]) throws(StoreWriteError) {
        let now = Date().timeIntervalSince1970
        do {
            try database.write { db in
                for record in records {
                    if let type = record.pageType, type != "article" {
                        try savePage(record, type: type, now: now, in: db)
                    } else {
                        try upsert(record, now: now, in: db)
                    }
                }
            }
        } catch let error as DatabaseError where Self.unavailableCodes.contains(error.resultCode) {
            throw .unavailable(error.message ?? "\(error.resultCode)")
        } catch {
            throw .rejected("\(error)")
        }
    }

    /// SQLite results that say the database cannot be written now, whatever is written.
    private static let unavailableCodes: [ResultCode] = [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CANTOPEN]

    /// A page that is no article: its URL, type, title and times, in `pages`.
    private func savePage(_ record: ArticleRecord, type: String, now: Double, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO pages (id, url, source, type, score, title, site, stored_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET
                url = excluded.url, source = excluded.source, type = excluded.type, score = excluded.score,
                title = excluded.title, site = excluded.site, updated_at = excluded.updated_at
            """).execute(arguments: [record.id, record.url, record.source, type, record.pageTypeScore, record.title, record.site, now, now])
    }

    private func upsert(_ record: ArticleRecord, now: Double, in db: Database) throws {
        var record = record
        var old = try Row.fetchOne(db.cachedStatement(sql: "SELECT rowid, title, text, source FROM articles WHERE id = ?"), arguments: [record.id])
        // A page pushed inline names whatever canonical URL it likes: it never takes over an article fetched
        // from the web, and is kept under its text's id instead (`SecurityTests.canonicalTakeover`).
        if let taken = old, taken["source"] as String? != nil, record.source == nil {
            record.id = ArticleRecord.makeID(canonicalURL: nil, text: record.text)
            old = try Row.fetchOne(db.cachedStatement(sql: "SELECT rowid, title, text, source FROM articles WHERE id = ?"), arguments: [record.id])
        }
        if let old, old["title"] as String? != record.title || old["text"] as String != record.text {
            try db.cachedStatement(sql: """
                INSERT INTO replacements (article_id, replaced_at, old_source, new_source, old_title, new_title) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [record.id, now, old["source"] as String?, record.source, old["title"] as String?, record.title])
        }
        try write(record, replacing: old, now: now, in: db)
    }

    private func write(_ record: ArticleRecord, replacing old: Row?, now: Double, in db: Database) throws {
        func json(_ strings: [String]) -> String { String(decoding: JSONWriter.encode(strings), as: UTF8.self) }
        // The full-text index reads the articles table: a replaced article's entry goes out with the words it
        // was indexed with, before the row changes (a replay; new articles find nothing here).
        if let old {
            try db.cachedStatement(sql: "INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)")
                .execute(arguments: [old[0] as Int64, old[1] as String?, old[2] as String])
        }
        try db.cachedStatement(sql: """
            INSERT INTO articles (id, url, source, site, title, authors, published, language, text, keywords, summary, record, stored_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET
                url = excluded.url, source = excluded.source, site = excluded.site, title = excluded.title, authors = excluded.authors,
                published = excluded.published, language = excluded.language, text = excluded.text,
                keywords = excluded.keywords, summary = excluded.summary, record = excluded.record,
                updated_at = excluded.updated_at
            """).execute(arguments: [
                record.id, record.url, record.source, record.site, record.title, json(record.authors), record.published, record.language,
                // `record` is left empty: the columns and rows hold all of it (``ArticleRecord/init(row:in:)``), and a
                // second copy as JSON would double what is written (docs/BENCHMARKS.md).
                record.text, json(record.keywords), record.summary, "", now, now,
            ])
        // An upsert keeps the row's rowid; a new row's is the last inserted.
        let rowid: Int64 = old?[0] ?? db.lastInsertedRowID
        // Rows of an article are written in the transaction that writes the article: a new one has none to replace.
        if old != nil {
            for table in ["entities", "mentions", "quotes", "dates"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE article_id = ?").execute(arguments: [record.id])
            }
        }
        try db.cachedStatement(sql: "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)")
            .execute(arguments: [rowid, record.title, record.text])

        let entity = RowWriter(try db.cachedStatement(sql: "INSERT INTO entities (article_id, type, name, roles, mentions) VALUES (?, ?, ?, ?, ?)"))
        for person in record.people {
            let roles = json(person.roles)
            try entity.insert { $0.text(record.id); $0.text("PERSON"); $0.text(person.name); $0.text(roles); $0.integer(person.mentions) }
        }
        for (type, list) in [("ORG", record.organizations), ("LOC", record.places)] {
            for item in list {
                try entity.insert { $0.text(record.id); $0.text(type); $0.text(item.name); $0.text("[]"); $0.integer(item.mentions) }
            }
        }
        let mention = RowWriter(try db.cachedStatement(sql: #"INSERT INTO mentions (article_id, start, "end", text, type, entity) VALUES (?, ?, ?, ?, ?, ?)"#))
        for item in record.mentions {
            try mention.insert { $0.text(record.id); $0.integer(item.start); $0.integer(item.end); $0.text(item.text); $0.text(item.type.rawValue); $0.text(item.entity) }
        }
        let quote = RowWriter(try db.cachedStatement(sql: """
            INSERT INTO quotes (article_id, start, "end", text, speaker, speaker_start, speaker_end, medium, partial)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
        for (items, partial) in [(record.quotes, 0), (record.fragments, 1)] {
            for item in items {
                try quote.insert {
                    $0.text(record.id); $0.integer(item.start); $0.integer(item.end); $0.text(item.text); $0.text(item.speaker)
                    $0.integer(item.speakerStart); $0.integer(item.speakerEnd); $0.text(item.medium); $0.integer(partial)
                }
            }
        }
        let date = RowWriter(try db.cachedStatement(sql: #"INSERT INTO dates (article_id, start, "end", text, value) VALUES (?, ?, ?, ?, ?)"#))
        for item in record.dates {
            try date.insert { $0.text(record.id); $0.integer(item.start); $0.integer(item.end); $0.text(item.text); $0.text(item.value) }
        }
    }
}

/// Why ``ArticleStore/save(_:)`` committed nothing.
public enum StoreWriteError: Error, CustomStringConvertible, Equatable {
    /// The database cannot be written now (disk full, I/O error, read-only, locked too long): not the records' fault.
    case unavailable(String)
    /// The write failed for another reason (a constraint, an encoding error).
    case rejected(String)

    public var description: String {
        switch self {
        case .unavailable(let why): "the store cannot be written: \(why)"
        case .rejected(let why): "the store refused the batch: \(why)"
        }
    }
}
