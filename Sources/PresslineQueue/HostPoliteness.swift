import PresslineWire

/// Politeness toward the sites the fetch stage asks, held by the queue for every fetch process at once: one
/// queue of jobs per host (StormCrawler's model), at most `concurrency` of a host's jobs in flight, and at least
/// `delay` seconds from one of its fetches ending to the next one being handed out. Hosts take turns, so a site
/// with thousands of URLs does not hold back one with a few. Pure: the scheduler gives it the time;
/// `HostPolitenessTests` drive it alone.
///
/// ```swift
/// var polite = HostPoliteness(concurrency: 1, delay: 1)
/// polite.enqueue("j1", host: "news.example")
/// if let (job, host) = polite.next(now: t) { … }   // later: polite.finished(host: host, now: t2)
/// ```
struct HostPoliteness {
    let concurrency: Int
    let delay: Double
    private var queues: [String: FIFO<JobID>] = [:]
    private var inFlight: [String: Int] = [:]
    private var notBefore: [String: Double] = [:]
    /// Hosts with waiting jobs, in the order they take turns.
    private var turns: [String] = []
    private(set) var waiting = 0
    /// Rests kept before the finished ones are dropped.
    static let restsKept = 4096

    init(concurrency: Int, delay: Double) {
        self.concurrency = max(1, concurrency)
        self.delay = max(0, delay)
    }

    /// `job` waits for its turn at `host`.
    mutating func enqueue(_ job: JobID, host: String) {
        if queues[host]?.isEmpty ?? true { turns.append(host) }
        queues[host, default: FIFO()].push(job)
        waiting += 1
    }

    /// The next job whose host may be asked at `now`, counted in flight until ``finished(host:now:)`` or
    /// ``cancelled(host:)``; nil when every waiting host is busy or resting.
    mutating func next(now: Double) -> (job: JobID, host: String)? {
        if notBefore.count > Self.restsKept { forgetRests(before: now) }
        guard let position = turns.firstIndex(where: { isFree($0, now: now) }) else { return nil }
        let host = turns.remove(at: position)
        guard let job = queues[host]?.pop() else { return nil }
        waiting -= 1
        if queues[host]?.isEmpty == false { turns.append(host) } else { queues[host] = nil }
        inFlight[host, default: 0] += 1
        return (job, host)
    }

    /// A job of `host` is done with (fetched, failed, or its lease ran out): the host rests `delay` from now.
    mutating func finished(host: String, now: Double) {
        release(host)
        notBefore[host] = max(notBefore[host] ?? 0, now + delay)
    }

    /// The host asked to be left alone until `until` (HTTP 429 or 503 with `Retry-After`).
    mutating func rest(host: String, until: Double) {
        notBefore[host] = max(notBefore[host] ?? 0, until)
    }

    /// A job taken by ``next(now:)`` was not handed out after all: the host is free again at once.
    mutating func cancelled(host: String) { release(host) }

    /// The soonest time a waiting host comes off its rest (infinity when none waits on a rest alone).
    func nextDue() -> Double {
        turns.reduce(.infinity) { soonest, host in
            (inFlight[host] ?? 0) < concurrency ? min(soonest, notBefore[host] ?? 0) : soonest
        }
    }

    private func isFree(_ host: String, now: Double) -> Bool {
        (inFlight[host] ?? 0) < concurrency && (notBefore[host] ?? 0) <= now
    }

    private mutating func release(_ host: String) {
        let left = (inFlight[host] ?? 1) - 1
        inFlight[host] = left > 0 ? left : nil
    }

    /// Rests that are over say nothing more: forgotten, so a crawl over many hosts does not grow this forever.
    private mutating func forgetRests(before now: Double) {
        notBefore = notBefore.filter { $0.value > now }
    }
}
