import Foundation
import GRDB
import PresslineCore

/// Read-only access to a journal file, for `pressline query failed`.
public final class JournalReader {
    private let database: DatabaseQueue

    /// Opens the journal at `path` read-only.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        database = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Every job with its state and, once done, its article id, oldest first (for audits such as the chaos test).
    public func everyJob() throws -> [JobReport] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, state, article_id, stage, last_error, attempts, name FROM jobs ORDER BY seq").map { row in
                JobReport(job: row["id"], state: JobReport.State(rawValue: row["state"]) ?? .unknown, article: row["article_id"],
                          stage: row["stage"], error: row["last_error"], attempts: row["attempts"], name: row["name"])
            }
        }
    }

    /// Failed and dead jobs, newest first, with their stage and last error.
    public func failures(limit: Int) throws -> [JobReport] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, state, name, stage, last_error, attempts FROM jobs
                WHERE state IN ('failed', 'dead') ORDER BY updated_at DESC LIMIT ?
                """, arguments: [limit]).map { row in
                JobReport(job: row["id"], state: JobReport.State(rawValue: row["state"]) ?? .unknown, stage: row["stage"],
                          error: row["last_error"], attempts: row["attempts"], name: row["name"])
            }
        }
    }
}
