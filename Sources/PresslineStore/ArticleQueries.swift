import Foundation
import GRDB
import PresslineCore
import PresslineJSON

/// Read-only queries over the store, for `pressline query`.
///
/// ```swift
/// let queries = try ArticleQueries(path: "pressline-data/articles.db")
/// let people = try queries.people(limit: 20)
/// ```
public final class ArticleQueries {
    private let database: DatabaseQueue

    /// Opens the store read-only; fails with ``QueryError/noStore(_:)`` when the file is missing.
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw QueryError.noStore(path) }
        guard !isDirectory.boolValue else { throw QueryError.notAStore(path, "it is a directory") }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            let hasArticles = try database.read { try $0.tableExists("articles") }
            guard hasArticles else { throw QueryError.notAStore(path, "it is an SQLite file without Pressline's tables") }
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw QueryError.notAStore(path, "it is not an SQLite database")
        } catch let error as DatabaseError {
            throw QueryError.notAStore(path, error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }

    /// Articles, newest stored first.
    public func articles(limit: Int) throws -> [ArticleSummary] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, title, site, published, url,
                       (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
                       (SELECT count(*) FROM entities e WHERE e.article_id = a.id AND e.type = 'PERSON') AS people
                FROM articles a ORDER BY stored_at DESC, id LIMIT ?
                """, arguments: [limit]).map(ArticleSummary.init(row:))
        }
    }

    /// Pages that are no article, newest first; only those of `type` when it is given.
    public func pages(type: String?, limit: Int) throws -> [PageSummary] {
        try database.read { db in
            guard try db.tableExists("pages") else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT id, type, score, title, url, updated_at FROM pages
                WHERE ? IS NULL OR type = ? ORDER BY updated_at DESC, id LIMIT ?
                """, arguments: [type, type, limit]).map(PageSummary.init(row:))
        }
    }

    /// The full record of article `id`, or nil.
    public func article(id: String) throws -> ArticleRecord? {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM articles WHERE id = ?", arguments: [id]) else { return nil }
            let json: String = row["record"]
            guard !json.isEmpty else { return try ArticleRecord(row: row, in: db) }
            // Rows stored by older builds keep the record as JSON, with or without its text.
            var record = try JSONReader.decode(ArticleRecord.self, from: Array(json.utf8))
            record.text = row["text"]
            return record
        }
    }

    /// Articles matching every word of `text`, best first, with a snippet around the match.
    public func search(_ text: String, limit: Int) throws -> [SearchHit] {
        // Each word becomes a quoted FTS5 string, so user text never parses as FTS syntax.
        let words = text.split(whereSeparator: { $0.isWhitespace }).map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        guard !words.isEmpty else { return [] }
        return try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet
                FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?
                """, arguments: [words.joined(separator: " "), limit]).map { row in
                SearchHit(id: row["id"], title: row["title"], snippet: row["snippet"])
            }
        }
    }

    /// People across all articles, most mentioned first, with every role seen.
    public func people(limit: Int) throws -> [EntitySummary] { try entities(type: "PERSON", limit: limit) }
    /// Organizations across all articles.
    public func organizations(limit: Int) throws -> [EntitySummary] { try entities(type: "ORG", limit: limit) }
    /// Places across all articles.
    public func places(limit: Int) throws -> [EntitySummary] { try entities(type: "LOC", limit: limit) }

    private func entities(type: String, limit: Int) throws -> [EntitySummary] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT name, sum(mentions) AS mentions, count(*) AS articles, json_group_array(json(roles)) AS roles
                FROM entities WHERE type = ? GROUP BY name ORDER BY mentions DESC, name LIMIT ?
                """, arguments: [type, limit])
            return rows.map { row in
                let nested = (try? JSON.decoder.decode([[String]].self, from: Data((row["roles"] as String).utf8))) ?? []
                var roles: [String] = []
                for role in nested.joined() where !roles.contains(role) { roles.append(role) }
                return EntitySummary(name: row["name"], mentions: row["mentions"], articles: row["articles"], roles: roles)
            }
        }
    }

    /// Quotes, optionally only those whose speaker contains `speaker` (case-insensitive); partial quotations
    /// (one or two words) only when `partial` is true.
    ///
    /// ```swift
    /// let rutte = try queries.quotes(speaker: "Rutte", limit: 20)
    /// ```
    public func quotes(speaker: String?, partial: Bool = false, limit: Int) throws -> [QuoteRow] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT q.article_id, a.title, q.speaker, q.text, q.medium, q.partial FROM quotes q JOIN articles a ON a.id = q.article_id
                WHERE (?1 IS NULL OR q.speaker LIKE '%' || ?1 || '%') AND (?2 OR NOT q.partial)
                ORDER BY a.stored_at DESC, q.article_id, q.start LIMIT ?3
                """, arguments: [speaker, partial, limit]).map { row in
                QuoteRow(article: row["article_id"], title: row["title"], speaker: row["speaker"], text: row["text"], medium: row["medium"],
                         partial: row["partial"])
            }
        }
    }
}

/// Why a query could not run.
public enum QueryError: Error, CustomStringConvertible {
    /// No store file at the path.
    case noStore(String)
    /// No article with that id.
    case noArticle(String)
    /// The file is not a store: why, as a clause.
    case notAStore(String, String)

    public var description: String {
        switch self {
        case .noStore(let path): "no Pressline store at \(path); start the pipeline (`pressline up`) and push articles, or pass --db"
        case .noArticle(let id): "no article with id '\(id)'; `pressline query articles` lists them"
        case .notAStore(let path, let why): "\(path) is not a Pressline store: \(why); pass the articles.db of a data directory with --db"
        }
    }
}

/// A line of `query articles`.
public struct ArticleSummary: Codable, Sendable {
    public var id: String
    public var title: String?
    public var site: String?
    public var published: String?
    public var url: String?
    public var people: Int
    public var quotes: Int

    init(row: Row) {
        id = row["id"]
        title = row["title"]
        site = row["site"]
        published = row["published"]
        url = row["url"]
        people = row["people"]
        quotes = row["quotes"]
    }
}

/// A line of `query pages`.
public struct PageSummary: Codable, Sendable {
    public var id: String
    public var type: String
    public var score: Double?
    public var title: String?
    public var url: String?
    /// When it was last stored, as seconds since 1970.
    public var stored: Double

    init(row: Row) {
        id = row["id"]
        type = row["type"]
        score = row["score"]
        title = row["title"]
        url = row["url"]
        stored = row["updated_at"]
    }
}

/// A line of `query search`.
public struct SearchHit: Codable, Sendable {
    public var id: String
    public var title: String?
    public var snippet: String
}

/// A line of `query people|organizations|places`.
public struct EntitySummary: Codable, Sendable {
    public var name: String
    public var mentions: Int
    public var articles: Int
    public var roles: [String]
}

/// A line of `query quotes`.
public struct QuoteRow: Codable, Sendable {
    public var article: String
    public var title: String?
    public var speaker: String?
    public var text: String
    public var medium: String?
    /// A partial quotation of one or two words (the record's `fragments`).
    public var partial: Bool
}
