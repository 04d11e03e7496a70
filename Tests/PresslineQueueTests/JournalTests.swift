import Foundation
import Testing
@testable import PresslineCore
@testable import PresslineQueue
import PresslineTesting

@Suite("Journal")
struct JournalTests {
    func temporaryPath() -> String { TemporaryFolder.path("journal", file: "queue.db") }

    func insert(_ id: String) -> JournalBatch.Insert {
        JournalBatch.Insert(id: id, kind: .text, name: "\(id).txt", trace: id, payload: Data(#"{"kind":"text","content":"x"}"#.utf8))
    }

    @Test("committed jobs survive reopening, and a resent id is not duplicated")
    func durableAndIdempotent() throws {
        let path = temporaryPath()
        do {
            let journal = try Journal(path: path)
            var batch = JournalBatch()
            batch.inserts = [insert("a"), insert("b"), insert("a")]
            try journal.commit(batch)
        }
        let reopened = try Journal(path: path)
        let pending = try reopened.pending(after: 0, limit: 10)
        #expect(pending.map(\.id) == ["a", "b"])
        #expect(try reopened.counts()[.pending] == 2)
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
        let failures = try JournalReader(path: path).failures(limit: 10)
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
        batch.inserts = (0..<5).map { insert("j\($0)") }
        try journal.commit(batch)
        let first = try journal.pending(after: 0, limit: 2)
        let second = try journal.pending(after: first.last!.seq, limit: 10)
        #expect(first.map(\.id) == ["j0", "j1"])
        #expect(second.map(\.id) == ["j2", "j3", "j4"])
    }
}
