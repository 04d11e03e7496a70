import Foundation
import GRDB
import Testing
@testable import PresslineCore
import PresslineWire
@testable import PresslineQueue
import PresslineTesting

@Suite("Journal")
struct JournalTests {
    func temporaryPath() -> String { TemporaryFolder.path("journal", file: "queue.db") }

    func insert(_ id: JobID) -> JournalBatch.Insert {
        JournalBatch.Insert(id: id, kind: .text, name: "\(id).txt", trace: id.rawValue, payload: Data(#"{"kind":"text","content":"x"}"#.utf8))
    }

    /// Commits `inserts` in a journal at `path` and closes it, as a process that then stops would.
    func commitAndClose(_ inserts: [JournalBatch.Insert], at path: String) throws {
        let journal = try Journal(path: path)
        var batch = JournalBatch()
        batch.inserts = inserts
        try journal.commit(batch)
    }

    @Test("committed jobs survive reopening, and a resent id is not duplicated")
    func durableAndIdempotent() throws {
        let path = temporaryPath()
        try commitAndClose([insert("a"), insert("b"), insert("a")], at: path)
        let reopened = try Journal(path: path)
        let pending = try reopened.pending(after: 0, limit: 10)
        #expect(pending.map(\.id) == ["a", "b"])
        #expect(try reopened.counts()[.pending] == 2)
    }

    @Test("a row the journal cannot have written is an error naming the job, not a job of another kind")
    func corruptRow() throws {
        let path = temporaryPath()
        try commitAndClose([insert("a")], at: path)
        let database = try DatabaseQueue(path: path)
        try database.write { try $0.execute(sql: "UPDATE jobs SET kind = 'nope' WHERE id = 'a'") }
        try database.close()
        #expect { try Journal(path: path).pending(after: 0, limit: 10) } throws: {
            "\($0)".contains("job a has kind 'nope'")
        }
    }

    @Test("final states, reports and retries")
    func outcomes() throws {
        let path = temporaryPath()
        let journal = try Journal(path: path)
        var batch = JournalBatch()
        batch.inserts = [insert("a"), insert("b")]
        try journal.commit(batch)
        batch = JournalBatch()
        batch.outcomes = [.init(id: "a", state: .done, article: "t-1", attempts: 1),
                          .init(id: "b", state: .dead, stage: "clean", error: "lease expired", attempts: 3)]
        try journal.commit(batch)
        let reports = try journal.reports(for: ["a", "b", "zzz"])
        let failures = try journal.failures(limit: 10)
        #expect(failures.map(\.job) == ["b"] && failures[0].stage == "clean")
        #expect(reports.map(\.state) == [.done, .dead, .unknown])
        #expect(reports[0].article == "t-1")
        #expect(reports[1].error == "lease expired" && reports[1].stage == "clean")
        #expect(try journal.pending(after: 0, limit: 10).isEmpty)

        batch = JournalBatch()
        batch.retries = ["b"]
        try journal.commit(batch)
        #expect(try journal.pending(after: 0, limit: 10).map(\.id) == ["b"])
    }

    @Test("the pending cursor pages through the backlog in order")
    func cursor() throws {
        let journal = try Journal(path: temporaryPath())
        var batch = JournalBatch()
        batch.inserts = (0..<5).map { insert(JobID(rawValue: "j\($0)")) }
        try journal.commit(batch)
        let first = try journal.pending(after: 0, limit: 2)
        let second = try journal.pending(after: first.last!.seq, limit: 10)
        #expect(first.map(\.id) == ["j0", "j1"])
        #expect(second.map(\.id) == ["j2", "j3", "j4"])
    }

    @Test("a followed job keeps its depth through a reopen; the same URL followed twice is one job")
    func depth() throws {
        let path = temporaryPath()
        var batch = JournalBatch()
        var followed = insert("url-1")
        followed.depth = 1
        batch.inserts = [insert("pushed"), followed, followed]
        let fresh = try Journal(path: path).commit(batch)
        #expect(fresh.count == 2)
        let pending = try Journal(path: path).pending(after: 0, limit: 10)
        #expect(pending.map(\.id) == ["pushed", "url-1"] && pending.map(\.depth) == [0, 1])
    }

    func segments(of path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path + "-payloads").filter { $0.hasSuffix(".log") }.sorted()
    }

    @Test("payloads are written once to segment files, read back after reopening, and a segment goes once no pending job needs it")
    func payloadLog() throws {
        let path = temporaryPath()
        func page(_ n: Int) -> Data { Data("{\"kind\":\"text\",\"content\":\"\(String(repeating: "x", count: 3000)) \(n)\"}".utf8) }
        do {
            // Segments of 1 KB: each commit of one 3 KB payload fills one and opens the next.
            let journal = try Journal(path: path, payloadSegmentBytes: 1024)
            for n in 0..<4 {
                var batch = JournalBatch()
                batch.inserts = [JournalBatch.Insert(id: JobID(rawValue: "p\(n)"), kind: .text, name: nil, trace: "t", payload: page(n))]
                try journal.commit(batch)
            }
            #expect(try segments(of: path).count == 4)
            // The two oldest finish: their segments go, the others stay for the pending jobs.
            var batch = JournalBatch()
            batch.outcomes = [.init(id: "p0", state: .done, attempts: 1), .init(id: "p1", state: .done, attempts: 1)]
            try journal.commit(batch)
            #expect(try segments(of: path).count == 2)
        }
        let reopened = try Journal(path: path, payloadSegmentBytes: 1024)
        let pending = try reopened.pending(after: 0, limit: 10)
        #expect(pending.map(\.id) == ["p2", "p3"])
        #expect(pending.map(\.payload) == [page(2), page(3)])
        // A failed job keeps its payload in the journal: its segment may go, and a retry still has it.
        var batch = JournalBatch()
        batch.outcomes = [.init(id: "p2", state: .failed, stage: "clean", error: "not an article", attempts: 1),
                          .init(id: "p3", state: .done, attempts: 1)]
        try reopened.commit(batch)
        #expect(try segments(of: path).count <= 1)
        batch = JournalBatch()
        batch.retries = ["p2"]
        try reopened.commit(batch)
        #expect(try reopened.pending(after: 0, limit: 10).map(\.payload) == [page(2)])
    }

    @Test("a commit of more payloads than one gathered write takes reads every one back in place")
    func manyPayloadsInOneCommit() throws {
        let path = temporaryPath()
        var random = SeededRandom(seed: 7)
        let inserts = (0..<1_500).map { n in
            let content = String(repeating: "abcdefgh", count: Int.random(in: 0..<600, using: &random)) + " \(n)"
            return JournalBatch.Insert(id: JobID(rawValue: "m\(n)"), kind: .text, name: nil, trace: "t", payload: Data("{\"kind\":\"text\",\"content\":\"\(content)\"}".utf8))
        }
        try commitAndClose(inserts, at: path)
        let pending = try Journal(path: path).pending(after: 0, limit: 2_000)
        #expect(pending.map(\.id) == inserts.map(\.id))
        #expect(pending.map(\.payload) == inserts.map(\.payload))
    }

    @Test("bytes a crash left in a segment after its last commit are never read: the journal appends to a new segment")
    func tornTail() throws {
        let path = temporaryPath()
        try commitAndClose([insert("a")], at: path)
        let segment = try #require(try segments(of: path).last)
        let handle = try #require(FileHandle(forWritingAtPath: "\(path)-payloads/\(segment)"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("torn".utf8))
        try handle.close()
        let reopened = try Journal(path: path)
        var batch = JournalBatch()
        batch.inserts = [insert("b")]
        try reopened.commit(batch)
        #expect(try segments(of: path).count == 2)
        #expect(try reopened.pending(after: 0, limit: 10).map(\.payload) == [insert("a").payload, insert("b").payload])
    }
}
