import Foundation
import Testing
@testable import PresslineCore
@testable import PresslineQueue
import PresslineWire

@Suite("Scheduler: fetch jobs by host")
struct SchedulerPolitenessTests {
    let fetcherA = Data("fetch-a".utf8)
    let fetcherB = Data("fetch-b".utf8)

    func scheduler(delay: Double) throws -> Scheduler {
        var config = try PipelineConfig.parse("[stages.fetch]\nper_host_delay = \(delay)\n")
        config.queue.leaseSeconds = 10
        config.queue.backoffSeconds = 1
        return Scheduler(pipeline: config)
    }

    func admit(_ s: inout Scheduler, _ id: JobID, host: String?) {
        s.admit(id: id, trace: id.rawValue, name: nil, kind: .url, payload: Data("{}".utf8), failures: 0, host: host)
    }

    @Test("two fetch workers with room never hold two jobs of one host; a host is asked again only after its rest")
    func oneHostAtATime() throws {
        var s = try scheduler(delay: 2)
        for n in 0..<3 { admit(&s, JobID(rawValue: "a\(n)"), host: "a.example") }
        admit(&s, "b0", host: "b.example")
        s.workerReady(fetcherA, stage: .fetch, credit: 4, now: 0)
        s.workerReady(fetcherB, stage: .fetch, credit: 4, now: 0)
        let first = s.dispatch(now: 0)
        #expect(Set(first.map(\.job)) == ["a0", "b0"])
        let holder = first.first { $0.job == "a0" }!.worker
        _ = s.completed("a0", stage: .fetch, by: holder, payload: Data("{}".utf8), article: nil, now: 1)
        #expect(s.dispatch(now: 2).isEmpty, "a.example rests until 3")
        #expect(s.nextDeadline() == 3)
        #expect(s.dispatch(now: 3).map(\.job) == ["a1"])
    }

    @Test("a failed fetch, an expired lease and a vanished worker each free the host after its rest")
    func releases() throws {
        var s = try scheduler(delay: 1)
        for n in 0..<4 { admit(&s, JobID(rawValue: "a\(n)"), host: "a.example") }
        s.workerReady(fetcherA, stage: .fetch, credit: 4, now: 0)
        #expect(s.dispatch(now: 0).map(\.job) == ["a0"])
        _ = s.failed("a0", stage: .fetch, by: fetcherA, reason: "404", kind: .permanent, now: 0)
        #expect(s.dispatch(now: 1).map(\.job) == ["a1"])
        _ = s.expire(now: 20, liveness: 100)
        let third = s.dispatch(now: 21)
        #expect(third.count == 1)
        _ = s.removeWorker(fetcherA, reason: "gone", now: 22)
        s.workerReady(fetcherB, stage: .fetch, credit: 4, now: 22)
        #expect(s.dispatch(now: 23).count == 1, "the host was freed when the worker went")
    }

    @Test("a fetch job without a host (a file URL) is not held back by politeness")
    func hostless() throws {
        var s = try scheduler(delay: 100)
        admit(&s, "a0", host: "a.example")
        admit(&s, "a1", host: "a.example")
        admit(&s, "f0", host: nil)
        s.workerReady(fetcherA, stage: .fetch, credit: 4, now: 0)
        #expect(Set(s.dispatch(now: 0).map(\.job)) == ["a0", "f0"])
    }
}
