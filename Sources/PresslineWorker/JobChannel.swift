import Foundation
import PresslineCore
import PresslineWire

/// A job the queue handed over: its header and the encoded document.
struct ReceivedJob: @unchecked Sendable {
    let header: Header
    let payload: Data?
}

/// Jobs waiting for a processing thread. The socket thread puts, processing
/// threads take in batches; `close()` wakes every taker with nil.
final class JobChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [ReceivedJob] = []
    private var closed = false
    /// Jobs taken but not yet answered.
    private var working = 0

    /// Adds jobs and wakes the takers.
    func put(_ received: [ReceivedJob]) {
        condition.lock()
        jobs.append(contentsOf: received)
        if received.count == 1 { condition.signal() } else { condition.broadcast() }
        condition.unlock()
    }

    /// Up to `limit` jobs, waiting for them unless `waiting` is false (then none is an empty answer);
    /// nil once closed and empty.
    func take(limit: Int, waiting: Bool = true) -> [ReceivedJob]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting && jobs.isEmpty && !closed { condition.wait() }
        if jobs.isEmpty { return closed ? nil : [] }
        let batch = Array(jobs.prefix(limit))
        jobs.removeFirst(batch.count)
        working += batch.count
        return batch
    }

    /// A taker answered `count` jobs.
    func finished(_ count: Int) {
        condition.lock()
        working -= count
        condition.unlock()
    }

    /// Jobs waiting or being worked on.
    var outstanding: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count + working
    }

    /// Wakes all takers; they finish what is queued, then get nil.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
