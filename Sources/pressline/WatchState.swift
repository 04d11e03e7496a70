import Foundation
import GRDB
import PresslineRuntime

/// What `pressline watch` remembers between polls and across restarts, in `watch.db` in the data directory:
/// each source's validators (ETag, Last-Modified), its polling interval and when it is next due, and every
/// URL already pushed (`WatchTests`).
struct WatchState {
    struct Source {
        var url: String
        var kind: String
        var etag: String?
        var lastModified: String?
        var interval: Double
        var nextPoll: Double
    }

    private let database: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            for pragma in DurableSQLite.pragmas { try db.execute(sql: pragma) }
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        PrivateFiles.restrict([path])
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 sources and seen URLs") { db in
            try db.execute(sql: """
                CREATE TABLE sources (
                    url           TEXT PRIMARY KEY,
                    kind          TEXT NOT NULL,       -- feed or sitemap
                    etag          TEXT,
                    last_modified TEXT,
                    interval      REAL NOT NULL,       -- seconds between polls, adapted to how often it changes
                    next_poll     REAL NOT NULL
                );
                CREATE TABLE seen (url TEXT PRIMARY KEY, seen_at REAL NOT NULL);
                """)
        }
        try migrator.migrate(database)
    }

    /// Adds each of `urls` as a source unless it is one already (a restart keeps what was learnt of it), while
    /// fewer than `limit` sources are watched; returns how many were added.
    @discardableResult
    func add(_ urls: [String], kind: String, interval: Double, limit: Int = .max) throws -> Int {
        try database.write { db in
            var watched = try Int.fetchOne(db, sql: "SELECT count(*) FROM sources") ?? 0
            var added = 0
            for url in urls where watched < limit {
                try db.execute(sql: "INSERT INTO sources (url, kind, interval, next_poll) VALUES (?, ?, ?, 0) ON CONFLICT(url) DO NOTHING",
                               arguments: [url, kind, interval])
                added += db.changesCount
                watched += db.changesCount
            }
            return added
        }
    }

    func sources() throws -> [Source] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sources ORDER BY next_poll").map { row in
                Source(url: row["url"], kind: row["kind"], etag: row["etag"], lastModified: row["last_modified"],
                       interval: row["interval"], nextPoll: row["next_poll"])
            }
        }
    }

    func update(_ source: Source) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE sources SET etag = ?, last_modified = ?, interval = ?, next_poll = ? WHERE url = ?",
                           arguments: [source.etag, source.lastModified, source.interval, source.nextPoll, source.url])
        }
    }

    /// Those of `urls` not pushed before.
    func unseen(_ urls: [String]) throws -> [String] {
        try database.read { db in
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM seen WHERE url = ?")
            return try urls.filter { try Int.fetchOne(statement, arguments: [$0]) == nil }
        }
    }

    /// `urls` were pushed (accepted by the queue): they are not pushed again.
    func markSeen(_ urls: [String], at time: Double) throws {
        try database.write { db in
            for url in urls { try db.execute(sql: "INSERT OR IGNORE INTO seen (url, seen_at) VALUES (?, ?)", arguments: [url, time]) }
        }
    }
}
