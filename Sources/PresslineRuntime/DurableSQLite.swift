/// The settings of every SQLite file Pressline writes (the journal, the store), run as each connection opens.
///
/// ```swift
/// configuration.prepareDatabase { db in for pragma in DurableSQLite.pragmas { try db.execute(sql: pragma) } }
/// ```
public enum DurableSQLite {
    public static let pragmas = [
        // A new file only: a 10 KB article fits one 16 KiB page instead of a 4 KiB page and two overflow
        // pages, each its own write and read when the WAL is checkpointed.
        "PRAGMA page_size = 16384",
        // FULL: a commit is on disk before anything is acknowledged (ACCEPTED, DONE), even across a power cut.
        "PRAGMA synchronous = FULL",
    ]
}
