import Foundation
import GRDB
import PresslineCore
import PresslineWire
import PresslineRuntime

/// The queue's durable record of every accepted job, in SQLite (WAL).
///
/// Only what must survive a crash is written: the submitted input (in the ``PayloadLog`` beside the file,
/// written once), and the final state. Intermediate stage results live in memory; after a crash every
/// unfinished job replays from its entry stage (the Storm model: the source
/// keeps each tuple until the sink acknowledges it).
///
/// ```swift
/// let journal = try Journal(path: "pressline-data/queue.db")
/// var batch = JournalBatch()
/// batch.inserts.append(.init(id: "j-1", kind: .text, name: "a.txt", payload: data))
/// try journal.commit(batch)   // durable once this returns
/// ```
///
/// One thread may commit while another reads (the queue's ``JournalWriter`` commits, its loop reads): a
/// `DatabasePool` gives each read the last committed state without waiting for a commit in progress.
public final class Journal: @unchecked Sendable {
    // DatabasePool serialises writes and isolates reads itself; the class holds nothing else mutable.
    private let database: DatabasePool
    /// The submitted payloads, written once beside the database (``PayloadLog``).
    private let payloads: PayloadLog

    /// Opens (or creates) the journal at `path`, its payloads in the folder `path-payloads` (``PayloadLog``, segments
    /// of `payloadSegmentBytes`), and migrates its schema.
    public init(path: String, payloadSegmentBytes: Int64 = 64 << 20) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            for pragma in DurableSQLite.pragmas { try db.execute(sql: pragma) }
        }
        configuration.busyMode = .timeout(5)
        // A pool opens the file in WAL mode.
        database = try DatabasePool(path: path, configuration: configuration)
        // SQLite gives the -wal and -shm files the database file's mode.
        PrivateFiles.restrict([path, path + "-wal", path + "-shm", path + "-payloads"])
        try Self.migrator.migrate(database)
        payloads = try PayloadLog(directory: path + "-payloads", segmentBytes: payloadSegmentBytes)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 jobs") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
                    id           TEXT NOT NULL UNIQUE,
                    state        TEXT NOT NULL DEFAULT 'pending'
                                 CHECK (state IN ('pending', 'done', 'failed', 'dead')),
                    kind         TEXT NOT NULL,
                    name         TEXT,
                    trace        TEXT NOT NULL,
                    payload      BLOB,          -- the submitted Input; cleared once the job is final
                    attempts     INTEGER NOT NULL DEFAULT 0,
                    stage        TEXT,          -- where it failed
                    article_id   TEXT,
                    last_error   TEXT,
                    submitted_at REAL NOT NULL,
                    updated_at   REAL NOT NULL
                );
                CREATE INDEX jobs_by_state ON jobs(state, seq);
                """)
        }
        migrator.registerMigration("v2 payload log") { db in
            // Where a job's payload lies in the PayloadLog; `payload` keeps older jobs' and failed jobs' payloads.
            try db.execute(sql: """
                ALTER TABLE jobs ADD COLUMN payload_segment INTEGER;
                ALTER TABLE jobs ADD COLUMN payload_offset INTEGER;
                ALTER TABLE jobs ADD COLUMN payload_length INTEGER;
                """)
        }
        migrator.registerMigration("v3 crawl depth") { db in
            // How many links away from a pushed page a job is: 0 for what was pushed, 1 for a listing's stories.
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN depth INTEGER NOT NULL DEFAULT 0")
        }
        return migrator
    }

    /// Writes a batch in one transaction; returns once it is durable, with the journal position (`seq`) of each
    /// inserted job that was new, by its index in `batch.inserts`. Inserting a job id that exists already is a
    /// no-op (a client resending after a lost reply).
    @discardableResult
    public func commit(_ batch: JournalBatch) throws -> [Int: Int64] {
        guard !batch.isEmpty else { return [:] }
        let now = Date().timeIntervalSince1970
        // The payloads are on disk before the commit that refers to them: a crash in between leaves bytes no
        // job points to, never a job without its payload.
        let places = try payloads.append(batch.inserts.map(\.payload))
        let inserted = try database.write { db in
            var inserted: [Int: Int64] = [:]
            let insert = try db.cachedStatement(sql: """
                INSERT INTO jobs (id, kind, name, trace, depth, payload_segment, payload_offset, payload_length, submitted_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                """)
            for (index, (job, place)) in zip(batch.inserts, places).enumerated() {
                try insert.execute(arguments: [job.id.rawValue, job.kind.rawValue, job.name, job.trace, job.depth, place.segment, place.offset, place.length, now, now])
                if db.changesCount > 0 { inserted[index] = db.lastInsertedRowID }
            }
            // A finished job lets go of its payload, wherever it is.
            let finish = try db.cachedStatement(sql: """
                UPDATE jobs SET state = ?, article_id = ?, stage = ?, last_error = ?, attempts = ?,
                                payload = CASE WHEN ? = 'done' THEN NULL ELSE payload END,
                                payload_segment = CASE WHEN ? = 'done' THEN NULL ELSE payload_segment END, updated_at = ?
                WHERE id = ?
                """)
            for outcome in batch.outcomes {
                let state = outcome.state.rawValue
                if outcome.state != .done { try keepPayload(of: outcome.id, in: db) }
                try finish.execute(arguments: [state, outcome.article, outcome.stage?.rawValue, outcome.error, outcome.attempts, state, state, now, outcome.id.rawValue])
            }
            let retry = try db.cachedStatement(sql: """
                UPDATE jobs SET state = 'pending', attempts = 0, last_error = NULL, updated_at = ?
                WHERE id = ? AND state IN ('failed', 'dead')
                """)
            for id in batch.retries { try retry.execute(arguments: [now, id.rawValue]) }
            let alias = try db.cachedStatement(sql: """
                INSERT INTO jobs (id, kind, name, trace, state, article_id, submitted_at, updated_at)
                VALUES (?, 'alias', ?, ?, 'done', ?, ?, ?) ON CONFLICT(id) DO NOTHING
                """)
            for entry in batch.aliases {
                try alias.execute(arguments: [entry.id.rawValue, entry.url, entry.id.rawValue, entry.article, now, now])
            }
            return inserted
        }
        releasePayloads()
        return inserted
    }

    /// Copies a job's payload from the log into its row, where a retry finds it after the segment is gone.
    private func keepPayload(of id: JobID, in db: Database) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT payload, payload_segment, payload_offset, payload_length FROM jobs WHERE id = ? AND payload IS NULL AND payload_segment IS NOT NULL
            """), arguments: [id.rawValue]) else { return }
        // Unreadable, it is left where it is: a retry then fails as a job without a document, and the journal goes on.
        guard let payload = try? payload(in: row) else { return }
        try db.cachedStatement(sql: "UPDATE jobs SET payload = ?, payload_segment = NULL WHERE id = ?").execute(arguments: [payload, id.rawValue])
    }

    /// Deletes the payload segments no pending job needs: those before the oldest pending job's (jobs are
    /// journaled in order, so its segment is the oldest any of them uses).
    private func releasePayloads() {
        let oldest: Int64?
        do {
            oldest = try database.read { db in
                try Int64.fetchOne(db, sql: """
                    SELECT payload_segment FROM jobs WHERE state = 'pending' AND payload_segment IS NOT NULL ORDER BY seq LIMIT 1
                    """)
            }
        } catch {
            return  // unsure what is needed: delete nothing
        }
        payloads.deleteSegments(before: oldest)
    }

    /// Up to `limit` pending jobs with `seq` above `after`, oldest first.
    public func pending(after seq: Int64, limit: Int) throws -> [JournaledJob] {
        try database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT seq, id, kind, name, trace, depth, payload, payload_segment, payload_offset, payload_length, attempts FROM jobs
                WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?
                """), arguments: [seq, limit]).map { row in
                let kind: String = row["kind"]
                guard let inputKind = Input.Kind(rawValue: kind) else {
                    throw JournalStorageError.corrupt("job \(row["id"] as String) has kind '\(kind)', which no input has")
                }
                return JournaledJob(seq: row["seq"], id: JobID(rawValue: row["id"]), kind: inputKind,
                                    name: row["name"], trace: row["trace"], depth: row["depth"], payload: try payload(in: row), attempts: row["attempts"])
            }
        }
    }

    /// A pending job's payload: in its row (older journals, retried jobs), else in the log. None at all (which
    /// no commit writes) reaches the worker as a job without a document, and fails there.
    private func payload(in row: Row) throws -> Data {
        if let kept: Data = row["payload"] { return kept }
        guard let segment: Int64 = row["payload_segment"], let offset: Int64 = row["payload_offset"],
              let length: Int64 = row["payload_length"] else { return Data() }
        return try payloads.read(PayloadLog.Place(segment: segment, offset: offset, length: length))
    }

    /// Ids of failed and dead jobs, oldest first.
    public func finalFailures(limit: Int) throws -> [JobID] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM jobs WHERE state IN ('failed', 'dead') ORDER BY seq LIMIT ?", arguments: [limit])
                .map { JobID(rawValue: $0) }
        }
    }

    /// How many jobs are pending (accepted, not final).
    public func pendingCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs WHERE state = 'pending'") ?? 0 }
    }

    /// How many jobs are in each state.
    public func counts() throws -> [JobReport.State: Int] {
        try database.read { db in
            var counts: [JobReport.State: Int] = [:]
            // Alias rows stand for URLs of stored pages, not for jobs.
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM jobs WHERE kind != 'alias' GROUP BY state") {
                if let state = JobReport.State(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// What the journal knows of each job id (``JobReport/State/unknown`` for ids it never saw).
    public func reports(for ids: [JobID]) throws -> [JobReport] {
        try database.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT state, name, stage, article_id, last_error, attempts FROM jobs WHERE id = ?
                """)
            return try ids.map { id in
                guard let row = try Row.fetchOne(statement, arguments: [id.rawValue]) else { return JobReport(job: id, state: .unknown) }
                return JobReport(journalRow: row, job: id)
            }
        }
    }

    /// Failed and dead jobs, newest first, with their stage and last error (FAILURES, `pressline query failed`).
    public func failures(limit: Int) throws -> [JobReport] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, state, name, stage, article_id, last_error, attempts FROM jobs
                WHERE state IN ('failed', 'dead') ORDER BY updated_at DESC LIMIT ?
                """, arguments: [limit]).map { JobReport(journalRow: $0) }
        }
    }
}

extension JobReport {
    /// The report of a `jobs` row (`state`, `name`, `stage`, `article_id`, `last_error`, `attempts`, and `id`
    /// unless `job` is given). A state the journal does not write reads as unknown.
    init(journalRow row: Row, job: JobID? = nil) {
        self.init(job: job ?? JobID(rawValue: row["id"]), state: JobReport.State(rawValue: row["state"]) ?? .unknown, article: row["article_id"],
                  stage: (row["stage"] as String?).map { StageName(rawValue: $0) }, error: row["last_error"], attempts: row["attempts"], name: row["name"])
    }
}
