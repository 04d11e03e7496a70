import Foundation
import PresslineCore

/// Accepted jobs that are not final yet, against `queue.max_unfinished`: past it, SUBMIT is refused with retry
/// (backpressure on clients), so the journal cannot grow without bound (`QueueCountersTests`).
struct UnfinishedJobs {
    let limit: Int
    private(set) var count: Int

    init(limit: Int, count: Int) {
        self.limit = limit
        self.count = count
    }

    /// Counts one more accepted job, or says why the queue is full.
    mutating func accept() -> String? {
        guard count < limit else { return "queue is full (\(count) unfinished jobs); try again shortly" }
        count += 1
        return nil
    }

    /// Jobs sent round again (RETRY) are unfinished once more.
    mutating func reopen(_ jobs: Int) { count += jobs }

    /// A job reached its final state, or was counted twice (a client resent it after a lost reply).
    mutating func close(_ jobs: Int = 1) { count -= jobs }
}

/// Where admission stands in the journal: pending jobs after `position` are still to be read, and whether any
/// may be there (a job admitted from the batch just committed moves it on without a read).
struct JournalCursor {
    private(set) var position: Int64 = 0
    private(set) var hasMore = true

    /// A read of `limit` jobs gave `found`: there may be more only if the read was full.
    mutating func read(found: Int, limit: Int) { hasMore = found == limit }
    /// Admission reached the job at `seq`.
    mutating func advance(to seq: Int64) { position = seq }
    /// Jobs older than the cursor may be pending again (a RETRY), or fresh ones did not fit: read again.
    mutating func rewind(toStart: Bool) {
        if toStart { position = 0 }
        hasMore = true
    }
}

/// Jobs per second per stage over the last few samples (the status and the metrics show it).
struct RateWindow {
    /// Samples kept: about the last five seconds at one a second.
    static let samples = 6
    private var history: [(time: Double, processed: [StageName: Int])] = []

    /// Adds the per-stage totals at `time`.
    mutating func sample(_ processed: [StageName: Int], at time: Double) {
        history.append((time, processed))
        if history.count > Self.samples { history.removeFirst() }
    }

    /// Jobs per second `stage` finished over the window; 0 before two samples.
    func rate(of stage: StageName) -> Double {
        guard let first = history.first, let last = history.last, last.time > first.time else { return 0 }
        return Double((last.processed[stage] ?? 0) - (first.processed[stage] ?? 0)) / (last.time - first.time)
    }
}
