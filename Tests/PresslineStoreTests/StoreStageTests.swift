import Foundation
import Synchronization
import Testing
@testable import PresslineCore
@testable import PresslineStore
import PresslineTesting
@testable import PresslineJSON

@Suite("Store stage")
struct StoreStageTests {
    func temporaryDatabase() -> String { TemporaryFolder.path("store", file: "articles.db") }

    func record(_ id: String, text: String = "Mark Rutte spoke in Brussels about NATO.") -> ArticleRecord {
        var record = ArticleRecord(id: id, title: "Title \(id)", authors: ["Ann Lee"], published: "2025-03-01", text: text)
        record.people = [Person(name: "Mark Rutte", roles: ["NATO Secretary General"], mentions: 1)]
        record.organizations = [NamedEntity(name: "NATO", mentions: 1)]
        record.places = [NamedEntity(name: "Brussels", mentions: 1)]
        record.quotes = [Quote(text: "we stand together", start: 0, end: 19, speaker: "Mark Rutte", medium: "BBC")]
        record.fragments = [Quote(text: "unfortunate", start: 30, end: 43, speaker: "Mark Rutte")]
        return record
    }

    @Test("stores opened at once on a new file: one migrates, the others wait, every one can save; files are the owner's alone")
    func concurrentMigrations() throws {
        for round in 0..<5 {
            let path = temporaryDatabase()
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { index in
                do { try ArticleStore(path: path).save([record("r\(round)-\(index)")]) } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [], "round \(round)")
            #expect(try ArticleQueries(path: path).articles(limit: 10).count == 6)
            for file in [path, path + "-wal"] {
                let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(file) has mode \(String(mode ?? 0, radix: 8))")
            }
        }
    }

    @Test("saving the same article twice keeps one row set (idempotent upsert)")
    func idempotent() throws {
        let path = temporaryDatabase()
        let store = try ArticleStore(path: path)
        try store.save([record("a")])
        try store.save([record("a", text: "Mark Rutte spoke again in Madrid about NATO.")])
        let queries = try ArticleQueries(path: path)
        #expect(try queries.articles(limit: 10).count == 1)
        #expect(try queries.people(limit: 10).first?.mentions == 1)
        #expect(try queries.quotes(speaker: "Rutte", limit: 10).count == 1)
        // Partial quotations are stored marked, listed only when asked for, and come back in the record.
        #expect(try queries.quotes(speaker: "Rutte", partial: true, limit: 10).map(\.partial) == [false, true])
        #expect(try queries.article(id: "a")?.fragments.map(\.text) == ["unfortunate"])
        #expect(try queries.search("again", limit: 10).map(\.id) == ["a"])
        #expect(try queries.search("spoke in", limit: 10).isEmpty == false)
        // The replaced text's words leave the index with it, and the index agrees with the articles table.
        #expect(try queries.search("Brussels", limit: 10).isEmpty)
        #expect(try queries.article(id: "a")?.text.contains("again") == true)
        let database = try DatabaseQueue(path: path)
        try database.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM articles_fts_docsize") } == 1)
    }

    @Test("an article is stored once, in its columns and rows: the record read back is the one saved, every list in order")
    func storedOnce() throws {
        let path = temporaryDatabase()
        var full = record("a")
        full.url = "https://news.example/a"
        full.site = "News"
        full.language = "en"
        full.authors = ["Ann Lee", "Bo Chen"]
        full.keywords = ["nato", "brussels"]
        full.summary = "Rutte spoke."
        full.people.append(Person(name: "Ann Lee", roles: [], mentions: 2))
        full.organizations.append(NamedEntity(name: "BBC", mentions: 1))
        full.mentions = [Mention(text: "Mark Rutte", start: 0, end: 10, type: .person, entity: "Mark Rutte"),
                         Mention(text: "Brussels", start: 20, end: 28, type: .loc, entity: "Brussels"),
                         Mention(text: "NATO", start: 35, end: 39, type: .org, entity: "NATO")]
        full.quotes.append(Quote(text: "we will meet again", start: 50, end: 70, speaker: "Ann Lee", speakerStart: 71, speakerEnd: 78))
        full.dates = [DateMention(text: "Monday", start: 80, end: 86, value: "2025-03-03"), DateMention(text: "spring", start: 90, end: 96, value: nil)]
        try ArticleStore(path: path).save([full, record("b")])
        #expect(try ArticleQueries(path: path).article(id: "a") == full)
        #expect(try ArticleQueries(path: path).article(id: "b") == record("b"))
        // Nothing is kept twice: the record column, a JSON copy of all of it until 2026-12-05, is empty.
        let database = try DatabaseQueue(path: path)
        #expect(try database.read { db in try String.fetchAll(db, sql: "SELECT record FROM articles") } == ["", ""])
    }

    @Test("an article stored with its record as JSON (before 2026-12-05) still reads back whole")
    func storedAsJSON() throws {
        let path = temporaryDatabase()
        try ArticleStore(path: path).save([record("a")])
        var old = record("a")
        old.text = ""
        let database = try DatabaseQueue(path: path)
        try database.write { db in
            // Such a row's rows in the other tables are there too; the JSON is what is read.
            old.keywords = ["from the JSON"]
            try db.execute(sql: "UPDATE articles SET record = ? WHERE id = 'a'", arguments: [String(decoding: JSONWriter.encode(old), as: UTF8.self)])
        }
        var expected = record("a")
        expected.keywords = ["from the JSON"]
        #expect(try ArticleQueries(path: path).article(id: "a") == expected)
    }

    @Test("the stage answers DONE per document, and refuses a document without a record")
    func stage() throws {
        let stage = StoreStage(store: try ArticleStore(path: temporaryDatabase()))
        var withRecord = Document(input: Input(kind: .text, content: "x"))
        withRecord.record = record("b")
        let outcomes = stage.process([withRecord, Document(input: Input(kind: .text, content: "y"))])
        #expect(outcomes[0] == .success(.done(article: "b")))
        guard case .failure(let failure) = outcomes[1] else { Issue.record("expected a failure"); return }
        #expect(failure.kind == .permanent)
    }

    @Test("search text with FTS syntax characters is taken literally")
    func hostileSearch() throws {
        let path = temporaryDatabase()
        try ArticleStore(path: path).save([record("c")])
        let queries = try ArticleQueries(path: path)
        #expect(try queries.search("NATO\" OR * NEAR(", limit: 5).isEmpty)
        #expect(try queries.search("rutte", limit: 5).map(\.id) == ["c"])
    }

    @Test("queries open the store read-only and name a missing file")
    func readOnly() throws {
        #expect(throws: QueryError.self) { try ArticleQueries(path: "/nonexistent/articles.db") }
    }

    @Test("a full store (quota reached) makes the stage unavailable, nothing is committed, and a raised quota resumes")
    func fullStore() throws {
        let path = temporaryDatabase()
        _ = try ArticleStore(path: path)
        let full = try ArticleStore(path: path, maxBytes: 64 * 1024)
        let big = String(repeating: "Mark Rutte spoke in Brussels about NATO. ", count: 4_000)
        var document = Document(input: Input(kind: .text, content: "x"))
        document.record = record("big", text: big)
        guard case .failure(let failure) = StoreStage(store: full).process([document])[0] else { Issue.record("expected a failure"); return }
        #expect(failure.kind == .unavailable)
        #expect(failure.reason.contains("full"), "\(failure.reason)")
        #expect(try ArticleQueries(path: path).articles(limit: 10).isEmpty)
        let roomy = try ArticleStore(path: path, maxBytes: 64 * 1024 * 1024)
        #expect(StoreStage(store: roomy).process([document])[0] == .success(.done(article: "big")))
    }

    @Test("a write the database refuses for another reason fails transiently (an attempt is used)")
    func refusedWrite() throws {
        let path = temporaryDatabase()
        let store = try ArticleStore(path: path)
        let raw = try ArticleStoreTestHook.open(path)
        try raw.execute("CREATE TRIGGER refuse BEFORE INSERT ON articles BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END")
        var document = Document(input: Input(kind: .text, content: "x"))
        document.record = record("d")
        guard case .failure(let failure) = StoreStage(store: store).process([document])[0] else { Issue.record("expected a failure"); return }
        #expect(failure.kind == .transient && failure.reason.contains("refused by trigger"))
    }

    @Test("a store made before partial quotes opens migrated: its quotes stay, marked as whole quotes, and its text is searchable")
    func migratesV1() throws {
        let path = temporaryDatabase()
        let old = try ArticleStoreTestHook.open(path)
        try StoreSchema.migrator.migrate(old, upTo: "v1 articles, entities, mentions, quotes, dates, fts")
        try old.execute("""
            INSERT INTO articles (id, authors, text, keywords, record, stored_at, updated_at) VALUES ('old', '[]', 'x', '[]', '{}', 0, 0);
            INSERT INTO quotes (article_id, start, "end", text, speaker) VALUES ('old', 0, 5, 'we stand together', 'Mark Rutte');
            """)
        _ = try ArticleStore(path: path)
        #expect(try ArticleQueries(path: path).quotes(speaker: nil, partial: true, limit: 10).map(\.partial) == [false])
        // v3 rebuilt the full-text index from the articles table.
        #expect(try ArticleQueries(path: path).search("x", limit: 10).map(\.id) == ["old"])
    }
}

import GRDB

/// A second writable connection, for test setup only.
enum ArticleStoreTestHook {
    static func open(_ path: String) throws -> DatabaseQueue { try DatabaseQueue(path: path) }
}

extension DatabaseQueue {
    func execute(_ sql: String) throws { try write { try $0.execute(sql: sql) } }
}
