import Testing
@testable import PresslineQueue
import PresslineWire

@Suite("Politeness per host")
struct HostPolitenessTests {
    @Test("one job of a host in flight; the next only `delay` after it ended; other hosts take turns meanwhile")
    func oneAtATime() {
        var polite = HostPoliteness(concurrency: 1, delay: 1)
        for (job, host) in [("a1", "a"), ("a2", "a"), ("a3", "a"), ("b1", "b")] as [(JobID, String)] { polite.enqueue(job, host: host) }
        #expect(polite.next(now: 0)?.job == "a1")
        #expect(polite.next(now: 0)?.job == "b1", "b's turn while a is busy")
        #expect(polite.next(now: 0) == nil, "a busy, b empty")
        polite.finished(host: "a", now: 5)
        #expect(polite.next(now: 5.5) == nil, "a rests a second after its fetch ended")
        #expect(polite.nextDue() == 6)
        #expect(polite.next(now: 6)?.job == "a2")
        polite.cancelled(host: "a")
        #expect(polite.next(now: 6)?.job == "a3", "a job handed back frees its host at once")
        #expect(polite.waiting == 0)
    }

    @Test("hosts take turns: a host with many jobs does not hold back one with few")
    func turns() {
        var polite = HostPoliteness(concurrency: 1, delay: 0)
        for n in 0..<5 { polite.enqueue(JobID(rawValue: "big-\(n)"), host: "big") }
        polite.enqueue("small-0", host: "small")
        var order: [String] = []
        while let (job, host) = polite.next(now: 0) {
            order.append(job.rawValue)
            polite.finished(host: host, now: 0)
        }
        #expect(order == ["big-0", "small-0", "big-1", "big-2", "big-3", "big-4"])
    }

    @Test("concurrency 2: two in flight per host, never three")
    func concurrency() {
        var polite = HostPoliteness(concurrency: 2, delay: 0)
        for n in 0..<4 { polite.enqueue(JobID(rawValue: "j\(n)"), host: "h") }
        #expect(polite.next(now: 0) != nil && polite.next(now: 0) != nil)
        #expect(polite.next(now: 0) == nil)
        polite.finished(host: "h", now: 1)
        #expect(polite.next(now: 1)?.job == "j2")
    }
}
