import Foundation
import Logging
import PresslineCore
import ZeroMQ
import PresslineRuntime

/// Commits journal batches on a thread of its own, one at a time, so that the queue's loop goes on routing
/// results and handing out work while a commit waits for the disk. Committed in the loop, each batch held
/// the loop for its WAL writes, fsync and checkpoints, with every worker starved meanwhile
/// (`bench/pipeline.py --passthrough` shows the difference).
///
/// The loop polls ``socket``; a message there means the commit finished, and ``finish()`` gives its result.
///
/// ```swift
/// let writer = try JournalWriter(journal: journal, context: context, logger: logger)
/// writer.start(batch)                       // returns at once
/// // … once `writer.socket` is readable:
/// if let result = writer.finish() { … }     // the positions of new jobs, or the error
/// ```
final class JournalWriter: @unchecked Sendable {
    // The batch and the result pass between the two threads under `condition`; each socket stays on its thread.
    /// Readable once a commit finished; the loop polls it beside its other sockets.
    let socket: Socket
    private let journal: Journal
    private let context: Context
    private let endpoint = "inproc://journal-\(UUID().uuidString)"
    private let condition = NSCondition()
    private var waiting: JournalBatch?
    private var result: Result<[Int: Int64], any Error>?
    private var stopping = false
    private var thread: Thread?
    /// Whether a batch was started and its result not yet taken.
    private(set) var isBusy = false

    private let logger: Logger

    init(journal: Journal, context: Context, logger: Logger) throws {
        self.journal = journal
        self.context = context
        self.logger = logger
        socket = try Socket(context, type: .pair)
        try socket.bind(endpoint)
        let thread = Thread { [self] in commitLoop() }
        thread.name = "journal"
        self.thread = thread
        thread.start()
    }

    /// Hands `batch` to the writer thread. One batch at a time: call only when not ``isBusy``.
    func start(_ batch: JournalBatch) {
        precondition(!isBusy, "one journal commit at a time")
        isBusy = true
        condition.lock()
        waiting = batch
        condition.signal()
        condition.unlock()
    }

    /// The finished commit's result (``Journal/commit(_:)``'s positions, or its error), once ``socket`` said so;
    /// nil when nothing finished.
    func finish() -> Result<[Int: Int64], any Error>? {
        while (try? socket.receiveNow()) != nil {}
        condition.lock()
        defer { condition.unlock() }
        guard let finished = result else { return nil }
        result = nil
        isBusy = false
        return finished
    }

    /// Waits for the commit in hand, for a shutdown; nil when none was in hand.
    func finishWaiting() -> Result<[Int: Int64], any Error>? {
        guard isBusy else { return nil }
        condition.lock()
        while result == nil { condition.wait() }
        condition.unlock()
        return finish()
    }

    /// Stops the thread once it is idle.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        socket.close()
    }

    private func commitLoop() {
        let wake: Socket
        do {
            wake = try Socket(context, type: .pair)
            try wake.setOption(.linger, 0)
            try wake.connect(endpoint)
        } catch let error as ZMQError where error.isTerminated {
            return  // the queue stopped before this thread got going: it had nothing to commit
        } catch {
            ThreadFailure.exit(logger, thread: "the journal thread", error)
        }
        defer { wake.close() }
        while true {
            condition.lock()
            while waiting == nil && !stopping { condition.wait() }
            guard let batch = waiting else {
                condition.unlock()
                return
            }
            waiting = nil
            condition.unlock()

            let outcome = Result { try journal.commit(batch) }
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
            try? wake.send([Data()], dontWait: true)
        }
    }
}
