import Foundation
import Logging
import PresslineCore
import PresslineWire
import PresslineJSON
import PresslineRuntime
import PresslineTesting
import Testing
@testable import PresslineWorker
import ZeroMQ

/// The worker runtime against a queue played by the test: a ROUTER on a free loopback port.
@Suite("Worker runtime", .serialized)
struct WorkerRuntimeTests {
    /// A stage that fails the documents whose content says so.
    struct Picky: DocumentStage {
        let name = StageName.clean
        func process(_ document: Document) throws(StageFailure) -> StageOutput {
            if document.input.content == "fail" { throw .permanent("asked to fail") }
            return .next(document)
        }
    }

    /// The test's queue and a worker connected to it, running on a thread of its own until `shutdown`.
    final class Rig: @unchecked Sendable {
        let context: Context
        let queue: Socket
        let shutdown = ShutdownSignal.install(signals: [])
        private(set) var outcome: (any Error)?? = nil
        let finished = DispatchSemaphore(value: 0)

        init(stage: any Stage, pipelineID: String = "p-1") throws {
            context = try Context()
            queue = try Socket(context, type: .router)
            try queue.setOption(.linger, 0)
            let endpoint = "tcp://127.0.0.1:\(try FreePort.find())"
            try queue.bind(endpoint)
            let runtime = try WorkerRuntime(stage: stage, endpoint: endpoint, concurrency: 1, prefetch: 0,
                                            pipelineID: pipelineID, logger: Logger(label: "test"))
            Thread { [self] in
                do { try runtime.run(until: shutdown); outcome = .some(nil) } catch { outcome = .some(error) }
                finished.signal()
            }.start()
        }

        /// The next envelopes from the worker (bounded wait), with its routing id.
        func receive() throws -> (id: Data, envelopes: [Envelope]) {
            let frames = try #require(try queue.receive(timeout: 10_000), "the worker sent nothing")
            return (frames[0], try Envelope.parseAll(frames[1...]).map { try $0.get() })
        }

        func send(_ envelope: Envelope, to id: Data) throws { try queue.send([id] + envelope.frames()) }

        func stop() -> Bool {
            shutdown.request()
            let done = finished.wait(timeout: .now() + 15) == .success
            queue.close()
            context.terminate()
            return done
        }
    }

    @Test("READY names the stage, the credit and the pipeline; WORK comes back as RESULT or FAILED, job by job")
    func readyWorkAnswers() throws {
        let rig = try Rig(stage: Picky())
        let (id, hello) = try rig.receive()
        let ready = try #require(hello.first?.header)
        #expect(ready.type == .ready && ready.stage == "clean" && ready.credit == 1 && ready.pipeline == "p-1")

        for (job, content) in [("a", "fine"), ("b", "fail")] as [(JobID, String)] {
            let document = Document(input: Input(kind: .text, content: content))
            try rig.send(Envelope(Header(.work, job: job, stage: "clean", attempt: 1), payload: Data(JSONWriter.encode(document))), to: id)
        }
        var answers: [JobID: Header] = [:]
        let deadline = monotonicSeconds() + 10
        while answers.count < 2, monotonicSeconds() < deadline {
            for envelope in try rig.receive().envelopes where envelope.header.job != nil { answers[envelope.header.job!] = envelope.header }
        }
        #expect(answers["a"]?.type == .result)
        #expect(answers["b"]?.type == .failed && answers["b"]?.permanent == true && answers["b"]?.error == "asked to fail")
        #expect(rig.stop(), "the worker did not stop after shutdown")
    }

    @Test("a shutdown says DISCONNECT and returns; WORK for another stage is dropped, not run")
    func drainAndWrongStage() throws {
        let rig = try Rig(stage: Picky())
        let (id, _) = try rig.receive()
        try rig.send(Envelope(Header(.work, job: "x", stage: "extract", attempt: 1), payload: Data("{}".utf8)), to: id)
        rig.shutdown.request()
        var types: [MessageType] = []
        let deadline = monotonicSeconds() + 10
        while !types.contains(.disconnect), monotonicSeconds() < deadline, let frames = try rig.queue.receive(timeout: 1_000) {
            types += try Envelope.parseAll(frames[1...]).map { try $0.get().header.type }
        }
        #expect(types.contains(.disconnect) && !types.contains(.result) && !types.contains(.failed), "\(types)")
        #expect(rig.stop())
        #expect(rig.outcome.flatMap { $0 } == nil, "the drain ended in an error")
    }

    @Test("a queue of another pipeline turns the worker away: run throws WorkerRefused with the queue's reason")
    func refused() throws {
        let rig = try Rig(stage: Picky())
        let (id, _) = try rig.receive()
        var rejected = Header(.rejected)
        rejected.pipeline = "p-2"
        rejected.error = "this queue serves pipeline p-2"
        try rig.send(Envelope(rejected), to: id)
        #expect(rig.finished.wait(timeout: .now() + 10) == .success, "the refused worker kept running")
        rig.finished.signal()
        #expect((rig.outcome.flatMap { $0 } as? WorkerRefused)?.reason == "this queue serves pipeline p-2")
        _ = rig.stop()
    }
}
