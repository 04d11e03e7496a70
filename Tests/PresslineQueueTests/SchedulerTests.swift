import Foundation
import Testing
@testable import PresslineCore
import PresslineWire
@testable import PresslineQueue

@Suite("Scheduler state machine")
struct SchedulerTests {
    let workerA = Data("clean-a".utf8)
    let workerB = Data("clean-b".utf8)
    let extractor = Data("extract-a".utf8)
    let store = Data("store-a".utf8)

    func scheduler(window: Int = 10, attempts: Int = 3) throws -> Scheduler {
        var config = try PipelineConfig.parse("")
        config.queue.window = window
        config.queue.maxAttempts = attempts
        config.queue.leaseSeconds = 10
        config.queue.backoffSeconds = 1
        return Scheduler(pipeline: config)
    }

    func admit(_ s: inout Scheduler, _ id: JobID, kind: Input.Kind = .text) {
        s.admit(id: id, trace: id.rawValue, name: nil, kind: kind, payload: Data("{}".utf8), failures: 0)
    }

    @Test("a job walks clean → extract → store → done, routed by the pipeline")
    func happyPath() throws {
        var s = try scheduler()
        admit(&s, "j1")
        #expect(s.dispatch(now: 0).isEmpty)  // no worker yet
        s.workerReady(workerA, stage: "clean", credit: 1, now: 0)
        s.workerReady(extractor, stage: "extract", credit: 1, now: 0)
        s.workerReady(store, stage: "store", credit: 8, now: 0)
        let first = s.dispatch(now: 0)
        #expect(first.map(\.stage) == ["clean"])
        #expect(first[0].attempt == 1)
        #expect(s.completed("j1", stage: "clean", by: workerA, payload: Data("c".utf8), article: nil, now: 0) == .advanced(job: "j1", stage: "extract"))
        #expect(s.dispatch(now: 1).map(\.payload) == [Data("c".utf8)])
        #expect(s.completed("j1", stage: "extract", by: extractor, payload: Data("e".utf8), article: nil, now: 0) == .advanced(job: "j1", stage: "store"))
        _ = s.dispatch(now: 2)
        #expect(s.completed("j1", stage: "store", by: store, payload: nil, article: "t-1", now: 0) == .done(job: "j1", article: "t-1", attempts: 1))
        #expect(s.activeCount == 0)
    }

    @Test("URL inputs enter at fetch; inline text skips it")
    func entry() throws {
        var s = try scheduler()
        admit(&s, "u", kind: .url)
        admit(&s, "t", kind: .text)
        s.workerReady(Data("f".utf8), stage: "fetch", credit: 4, now: 0)
        s.workerReady(workerA, stage: "clean", credit: 4, now: 0)
        let sent = Dictionary(uniqueKeysWithValues: s.dispatch(now: 0).map { ($0.job, $0.stage) })
        #expect(sent == ["u": "fetch", "t": "clean"])
    }

    @Test("credit bounds what a worker holds; the freest worker gets the next job")
    func credit() throws {
        var s = try scheduler()
        for i in 0..<5 { admit(&s, JobID(rawValue: "j\(i)")) }
        s.workerReady(workerA, stage: "clean", credit: 1, now: 0)
        s.workerReady(workerB, stage: "clean", credit: 2, now: 0)
        let sent = s.dispatch(now: 0)
        #expect(sent.count == 3)
        #expect(sent.filter { $0.worker == workerB }.count == 2)
        #expect(s.dispatch(now: 0).isEmpty)
    }

    @Test("an expired lease retries with backoff, then the job dies after max attempts")
    func leaseExpiry() throws {
        var s = try scheduler(attempts: 2)
        admit(&s, "j1")
        s.workerReady(workerA, stage: "clean", credit: 1, now: 0)
        _ = s.dispatch(now: 0)
        #expect(s.expire(now: 5, liveness: 100).isEmpty)
        let first = s.expire(now: 11, liveness: 100)
        guard case .retrying(_, "clean", 2, _) = first.first else { Issue.record("expected a retry, got \(first)"); return }
        #expect(s.dispatch(now: 11.5).isEmpty)  // backoff of 1 s not over yet
        let again = s.dispatch(now: 12.1)
        #expect(again.first?.attempt == 2)
        let second = s.expire(now: 30, liveness: 100)
        guard case .final(_, .dead, "clean", _, 2) = second.first else { Issue.record("expected dead, got \(second)"); return }
        #expect(s.activeCount == 0)
    }

    @Test("a permanent failure ends the job at once; a transient one retries")
    func failures() throws {
        var s = try scheduler()
        admit(&s, "p")
        admit(&s, "t")
        s.workerReady(workerA, stage: "clean", credit: 2, now: 0)
        _ = s.dispatch(now: 0)
        guard case .final(_, .failed, _, "bad page", 1) = s.failed("p", stage: "clean", by: workerA, reason: "bad page", kind: .permanent, now: 0) else {
            Issue.record("expected failed"); return
        }
        guard case .retrying = s.failed("t", stage: "clean", by: workerA, reason: "busy", kind: .transient, now: 0) else {
            Issue.record("expected retry"); return
        }
        #expect(s.activeCount == 1)
    }

    @Test("a silent worker is dropped and its jobs go to another")
    func workerDeath() throws {
        var s = try scheduler()
        admit(&s, "j1")
        s.workerReady(workerA, stage: "clean", credit: 1, now: 0)
        _ = s.dispatch(now: 0)
        s.workerReady(workerB, stage: "clean", credit: 1, now: 2.5)
        let outcomes = s.expire(now: 4, liveness: 3)
        #expect(outcomes.count == 1)
        #expect(!s.knows(workerA))
        let sent = s.dispatch(now: 10)
        #expect(sent.map(\.worker) == [workerB])
    }

    @Test("a late result for a job already advanced is stale and ignored")
    func staleResult() throws {
        var s = try scheduler()
        admit(&s, "j1")
        s.workerReady(workerA, stage: "clean", credit: 1, now: 0)
        _ = s.dispatch(now: 0)
        _ = s.completed("j1", stage: "clean", by: workerA, payload: Data("x".utf8), article: nil, now: 0)
        #expect(s.completed("j1", stage: "clean", by: workerB, payload: Data("y".utf8), article: nil, now: 0) == .stale(job: "j1"))
        #expect(s.completed("nope", stage: "clean", by: workerA, payload: Data("y".utf8), article: nil, now: 0) == .stale(job: "nope"))
    }

    @Test("the window bounds the jobs inside the pipeline")
    func window() throws {
        var s = try scheduler(window: 2)
        #expect(s.room == 2)
        admit(&s, "a")
        admit(&s, "b")
        #expect(s.room == 0)
    }

    @Test("a draining worker gets no more work and leaves once empty-handed")
    func draining() throws {
        var s = try scheduler()
        admit(&s, "a")
        admit(&s, "b")
        s.workerReady(workerA, stage: "clean", credit: 1, now: 0)
        _ = s.dispatch(now: 0)
        s.workerDraining(workerA)
        #expect(s.dispatch(now: 0).isEmpty)
        _ = s.completed("a", stage: "clean", by: workerA, payload: Data("x".utf8), article: nil, now: 0)
        #expect(!s.knows(workerA))
    }

    @Test("an unavailable stage (disk full) makes its jobs wait without using attempts, until a job passes there again")
    func unavailableStage() throws {
        var s = try scheduler(attempts: 2)
        admit(&s, "a")
        admit(&s, "b")
        s.workerReady(workerA, stage: "clean", credit: 2, now: 0)
        _ = s.dispatch(now: 0)
        for round in 0..<5 {
            let now = Double(round) * 10
            for job: JobID in ["a", "b"] {
                #expect(s.failed(job, stage: "clean", by: workerA, reason: "disk full", kind: .unavailable, now: now)
                        == .waiting(job: job, stage: "clean", reason: "disk full"))
            }
            #expect(s.dispatch(now: now).isEmpty, "a waiting job is not handed out before its pause")
            let again = s.dispatch(now: now + 5)
            #expect(again.map(\.attempt) == [1, 1], "waiting used no attempt")
        }
        #expect(s.unavailable["clean"]?.reason == "disk full")
        #expect(s.figures()[1].failures == 0)
        #expect(s.completed("a", stage: "clean", by: workerA, payload: Data("x".utf8), article: nil, now: 0) == .advanced(job: "a", stage: "extract"))
        #expect(s.unavailable["clean"] == nil)
    }

    @Test("only the worker holding a job may move it on; anyone else's answer is stale")
    func answerFromNonHolder() throws {
        var s = try scheduler()
        admit(&s, "j1")
        s.workerReady(workerA, stage: "clean", credit: 1, now: 0)
        s.workerReady(workerB, stage: "clean", credit: 1, now: 0)
        let sent = s.dispatch(now: 0)
        let holder = sent[0].worker, other = holder == workerA ? workerB : workerA
        #expect(s.completed("j1", stage: "clean", by: other, payload: Data("x".utf8), article: nil, now: 0) == .stale(job: "j1"))
        #expect(s.failed("j1", stage: "clean", by: other, reason: "x", kind: .permanent, now: 0) == .stale(job: "j1"))
        #expect(s.completed("j1", stage: "clean", by: holder, payload: Data("x".utf8), article: nil, now: 0) == .advanced(job: "j1", stage: "extract"))
    }
}
