import Foundation
import GRDB
import PresslineCore
import PresslineWire

/// Read-only access to a stopped queue's journal file, for audits (the chaos test compares every job with
/// the store). A running pipeline is asked through the queue instead (FAILURES, JOBS).
public final class JournalReader {
    private let database: DatabaseQueue

    /// Opens the journal at `path` read-only.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        database = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Every job with its state and, once done, its article id, oldest first.
    public func everyJob() throws -> [JobReport] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, state, article_id, stage, last_error, attempts, name FROM jobs ORDER BY seq")
                .map { JobReport(journalRow: $0) }
        }
    }
}
