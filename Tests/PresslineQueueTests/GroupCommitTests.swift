import Foundation
import Testing
@testable import PresslineCore
import PresslineWire
@testable import PresslineQueue

/// The queue's group commit without sockets or a disk: the order of commits and answers.
@Suite("Group commit")
struct GroupCommitTests {
    struct DiskFull: Error {}

    let client = Data("client-1".utf8)
    func insert(_ id: JobID) -> JournalBatch.Insert { .init(id: id, kind: .text, name: nil, trace: id.rawValue, payload: Data("{}".utf8)) }
    func reply(_ type: MessageType, _ job: JobID? = nil) -> Envelope { Envelope(Header(type, job: job)) }

    @Test("with nothing to write, every waiting request is answered at once")
    func nothingToWrite() {
        var commits = GroupCommit()
        commits.wait([client], reply(.status))
        guard case .answer(let replies, _) = commits.next(now: 0) else { Issue.record("expected answers"); return }
        #expect(replies.map(\.envelope.header.type) == [.status])
        guard case .answer(let again, _) = commits.next(now: 0) else { Issue.record("expected answers"); return }
        #expect(again.isEmpty)
    }

    @Test("a batch is committed with its requests in hand; what comes meanwhile waits for the next commit")
    func grouping() throws {
        var commits = GroupCommit()
        commits.batch.inserts.append(insert("a"))
        commits.wait([client], reply(.accepted, "a"))
        commits.answersInBatches(to: client)
        guard case .commit(let first) = commits.next(now: 0) else { Issue.record("expected a commit"); return }
        #expect(first.inserts.map(\.id) == ["a"])
        commits.batch.inserts.append(insert("b"))
        commits.wait([client], reply(.accepted, "b"))
        guard case .wait = commits.next(now: 0) else { Issue.record("a second commit started while one was in hand"); return }
        guard case .committed(let done, _, let recovered)? = commits.finish(.success([0: 1])) else { Issue.record("expected committed"); return }
        #expect(done.replies.map(\.envelope.header.job) == ["a"] && done.batchingClients == [client] && !recovered)
        guard case .commit(let second) = commits.next(now: 0) else { Issue.record("expected the next commit"); return }
        #expect(second.inserts.map(\.id) == ["b"])
        #expect(commits.finish(.success([:])) != nil && commits.finish(.success([:])) == nil, "a second finish without a commit in hand")
    }

    @Test("a failed commit keeps its batch in front, answers only reads, retries after the pause and recovers")
    func failure() throws {
        var commits = GroupCommit()
        commits.batch.inserts.append(insert("a"))
        commits.wait([client], reply(.accepted, "a"))
        guard case .commit = commits.next(now: 10) else { Issue.record("expected a commit"); return }
        commits.batch.inserts.append(insert("b"))
        commits.wait([client], reply(.jobs))
        guard case .failed(let reads, let first)? = commits.finish(.failure(DiskFull())) else { Issue.record("expected failed"); return }
        #expect(first && reads.map(\.envelope.header.type) == [.jobs])
        #expect(commits.journalError?.contains("cannot write the journal") == true)
        #expect(commits.batch.inserts.map(\.id) == ["a", "b"], "the failed batch goes back in front of what came since")
        commits.wait([client], reply(.status))
        guard case .answerReads(let status) = commits.next(now: 10.5) else { Issue.record("retried before the pause"); return }
        #expect(status.map(\.envelope.header.type) == [.status])
        guard case .commit(let retry) = commits.next(now: 10 + GroupCommit.retryPause) else { Issue.record("no retry after the pause"); return }
        #expect(retry.inserts.map(\.id) == ["a", "b"])
        guard case .failed(_, let again)? = commits.finish(.failure(DiskFull())) else { Issue.record("expected failed"); return }
        #expect(!again, "only the first failure is news")
        guard case .commit = commits.next(now: 20) else { Issue.record("no retry"); return }
        guard case .committed(let done, _, let recovered)? = commits.finish(.success([0: 1, 1: 2])) else { Issue.record("expected committed"); return }
        #expect(recovered && commits.journalError == nil)
        #expect(done.replies.map(\.envelope.header.job) == ["a"], "the ACCEPTED for a is answered once it is durable")
    }
}
