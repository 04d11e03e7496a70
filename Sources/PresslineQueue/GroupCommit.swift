import Foundation
import PresslineCore
import PresslineWire

/// The queue's group commit, as a value: what waits for the journal, the batch its thread is committing, and
/// which client requests may be answered when. Nothing is acknowledged before it is durable; a failed commit
/// puts its batch and requests back in front of what came since; while the journal cannot be written, the
/// requests that only read are still answered and the batch is tried again after a pause.
/// `QueueServer` does the I/O; `GroupCommitTests` drive this type alone.
///
/// ```swift
/// var commits = GroupCommit()
/// commits.batch.inserts.append(insert)
/// commits.wait(route, accepted)
/// if case .commit(let batch) = commits.next(now: now) { journalWriter.start(batch) }
/// ```
struct GroupCommit {
    /// A request waiting for the writes before it to be durable, with the route its answer takes.
    typealias Reply = (route: [Data], envelope: Envelope)

    /// A batch being committed, with the requests that wait for it.
    struct InHand {
        var batch: JournalBatch
        var replies: [Reply]
        /// Clients whose ACCEPTED answers go back in batches.
        var batchingClients: Set<Data>
    }

    /// What the loop does next.
    enum Step {
        /// A commit is in hand: wait for it.
        case wait
        /// Nothing to write: answer every waiting request (all they could ask about is durable).
        case answer([Reply], batchingClients: Set<Data>)
        /// The journal cannot be written and the pause is not over: answer the requests that only read.
        case answerReads([Reply])
        /// Commit this batch on the journal's thread; its requests wait in hand.
        case commit(JournalBatch)
    }

    /// What a finished commit means for the loop.
    enum Finish {
        /// Durable: answer `inHand.replies`; `fresh` gives each new insert's position.
        case committed(InHand, fresh: [Int: Int64], recovered: Bool)
        /// Not written: answer `reads`; `first` is true when the journal had been writable until now.
        case failed(reads: [Reply], first: Bool)
    }

    /// The requests that only read the journal: answerable while it cannot be written.
    static let reads: Set<MessageType> = [.status, .jobs, .failures]
    /// Seconds between tries while the journal cannot be written.
    static let retryPause = 1.0

    /// The writes gathered since the last commit started.
    var batch = JournalBatch()
    private(set) var waiting: [Reply] = []
    private(set) var batchingClients: Set<Data> = []
    private(set) var inHand: InHand?
    /// Why the last commit failed, while commits keep failing.
    private(set) var journalError: String?
    private var lastAttempt = -Double.infinity

    /// `reply` goes out once the writes gathered so far are durable.
    mutating func wait(_ route: [Data], _ envelope: Envelope) { waiting.append((route, envelope)) }

    /// `client` sent several requests in one message: its ACCEPTED answers go back in batches.
    mutating func answersInBatches(to client: Data) { batchingClients.insert(client) }

    /// The next step at `now`.
    mutating func next(now: Double) -> Step {
        guard inHand == nil else { return .wait }
        guard !batch.isEmpty else {
            defer { waiting.removeAll(); batchingClients.removeAll() }
            return .answer(waiting, batchingClients: batchingClients)
        }
        if journalError != nil && now - lastAttempt < Self.retryPause { return .answerReads(takeReads()) }
        lastAttempt = now
        inHand = InHand(batch: batch, replies: waiting, batchingClients: batchingClients)
        defer { batch = JournalBatch(); waiting.removeAll(); batchingClients.removeAll() }
        return .commit(batch)
    }

    /// Takes the result of the commit in hand; nil when none was in hand.
    mutating func finish(_ result: Result<[Int: Int64], any Error>) -> Finish? {
        guard let done = inHand else { return nil }
        inHand = nil
        switch result {
        case .success(let fresh):
            let recovered = journalError != nil
            journalError = nil
            return .committed(done, fresh: fresh, recovered: recovered)
        case .failure(let error):
            let first = journalError == nil
            journalError = "cannot write the journal: \(error)"
            batch = done.batch.followed(by: batch)
            waiting = done.replies + waiting
            batchingClients.formUnion(done.batchingClients)
            return .failed(reads: takeReads(), first: first)
        }
    }

    private mutating func takeReads() -> [Reply] {
        let answerable = waiting.filter { Self.reads.contains($0.envelope.header.type) }
        waiting.removeAll { Self.reads.contains($0.envelope.header.type) }
        return answerable
    }
}
