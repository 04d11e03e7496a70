import Foundation
import PresslineCore
import PresslineRuntime
import PresslineWire
import PresslineTesting
import Testing
import ZeroMQ
@testable import PresslineJSON

/// Malformed frames at every socket while a normal run goes on beside them.
@Suite("Fuzz (malformed frames at every socket during a normal run)", .serialized)
struct FuzzTests {
    static let messages = Int(ProcessInfo.processInfo.environment["PRESSLINE_FUZZ_MESSAGES"] ?? "") ?? 100_000

    @Test("100,000 malformed messages at the queue's sockets and a worker of every stage: no process exits, the normal run is untouched")
    func fuzz() throws {
        let harness = try PipelineHarness(metrics: true)
        defer { harness.stopAll() }
        try harness.startPipeline()
        let context = try Context()
        defer { context.terminate() }

        // A worker needs a queue to receive from: the test plays that queue for one worker of every stage.
        let fakeQueue = try Socket(context, type: .router)
        defer { fakeQueue.close() }
        try fakeQueue.setOption(.routerMandatory, 1)
        try fakeQueue.setOption(.linger, 0)
        let fakePort = try FreePort.find()
        try fakeQueue.bind("tcp://127.0.0.1:\(fakePort)")
        var processes: [String: Foundation.Process] = [:]
        let shipped = ["fetch", "clean", "extract", "store"]
        for stage in shipped {
            processes[stage] = try harness.start(stage, as: "\(stage)-fuzzed", arguments: ["--queue", "tcp://127.0.0.1:\(fakePort)"])
        }
        var fuzzedWorkers: [String: (process: Foundation.Process, id: Data)] = [:]
        let readyBy = monotonicSeconds() + 20
        while fuzzedWorkers.count < processes.count, monotonicSeconds() < readyBy, let frames = try fakeQueue.receive(timeout: 1_000) {
            guard let header = try? Envelope.parse(frames[1...]).header, header.type == .ready,
                  let stage = header.stage?.rawValue, let process = processes[stage] else { continue }
            fuzzedWorkers[stage] = (process, frames[0])
        }
        try #require(Set(fuzzedWorkers.keys) == Set(processes.keys), "only \(fuzzedWorkers.keys.sorted()) of the fuzzed workers said READY")
        let workerIDs = shipped.compactMap { fuzzedWorkers[$0]?.id }
        let workerID = try #require(fuzzedWorkers["clean"]?.id)

        let count = 150
        let folder = try harness.writeArticles(count)
        let push = try harness.launchCLI(["push", "--wait", "--format", "json", folder.path])

        let submit = try Socket(context, type: .dealer), work = try Socket(context, type: .dealer)
        defer { submit.close(); work.close() }
        for socket in [submit, work] { try socket.setOption(.linger, 0) }
        try submit.connect(harness.submit)
        try work.connect(harness.work)

        var fuzzer = FrameFuzzer(seed: 0x2026_1129)
        var sent: [String: Int] = [:]
        let sockets = [submit, work, fakeQueue]
        for index in 0..<Self.messages {
            switch index % 5 {
            case 0, 1: try Self.deliver(submit, fuzzer.message(for: .submit), draining: sockets); sent["submit", default: 0] += 1
            case 2, 3: try Self.deliver(work, fuzzer.message(for: .work), draining: sockets); sent["work", default: 0] += 1
            default:
                let worker = workerIDs[(index / 5) % workerIDs.count]
                try Self.deliver(fakeQueue, [worker] + fuzzer.message(for: .worker), draining: sockets)
                sent["worker", default: 0] += 1
            }
            if index % 64 == 0 { try Self.drain(sockets) }
        }
        // Below ZeroMQ: raw bytes at the ZMTP handshake of both queue sockets, and garbage HTTP at /metrics.
        var random = SeededRandom(seed: 7)
        let ports = [harness.submit, harness.work].compactMap { Int($0.split(separator: ":").last ?? "") } + [harness.metricsPort!]
        for index in 0..<300 {
            let bytes = (0..<Int(random.next() % 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let request = index % 3 == 2 && index % 2 == 0 ? Array("GET /\(index) HTTP/1.1\r\n\(String(repeating: "X", count: 9_000))".utf8) : bytes
            if LoopbackHTTP.sendRaw(port: ports[index % 3], bytes: request) { sent["raw tcp", default: 0] += 1 }
        }

        // The fuzzed worker still does real work.
        let article = try String(contentsOf: folder.appendingPathComponent("article-0.txt"), encoding: .utf8)
        var probe = Header(.work, job: "probe", stage: "clean", attempt: 1)
        probe.trace = "probe"
        let document = Document(input: Input(kind: .text, content: article))
        try Self.deliver(fakeQueue, [workerID] + Envelope(probe, payload: Data(JSONWriter.encode(document))).frames(), draining: sockets)
        var answer: Header?
        let deadline = Date().addingTimeInterval(30)
        while answer == nil, Date() < deadline, let frames = try fakeQueue.receive(timeout: 1_000) {
            if let header = try? Envelope.parse(frames[1...]).header, header.job == "probe" { answer = header }
        }
        #expect(answer?.type == .result, "the fuzzed worker did not process a valid job afterwards: \(String(describing: answer))")

        // The normal run finished untouched, and nobody died.
        let pushed = try harness.finish(push, timeout: 300)
        #expect(pushed.status == 0, "push --wait: \(pushed.stderr)")
        let reports = (try? JSONSerialization.jsonObject(with: Data(pushed.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(reports.count == count && reports.allSatisfy { $0["state"] as? String == "done" })
        for (name, process) in harness.children {
            #expect(process.isRunning, "\(name) exited during the fuzz:\n\(harness.log(name).suffix(2_000))")
        }
        for (stage, worker) in fuzzedWorkers {
            #expect(worker.process.isRunning, "the fuzzed \(stage) worker exited:\n\(harness.log("\(stage)-fuzzed").suffix(2_000))")
        }
        let status = harness.status()
        let malformed = status["malformed"] as? Int ?? 0
        #expect(malformed >= (sent["submit"] ?? 0), "the queue counted \(malformed) dropped messages: \(status)")
        let metrics = LoopbackHTTP.get(port: harness.metricsPort!, path: "/metrics") ?? ""
        #expect(metrics.contains("pressline_malformed_messages_total"))
        print("fuzz: \(sent.values.reduce(0, +)) malformed messages (\(sent.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))); "
              + "queue counted \(malformed) dropped; \(count) articles of the normal run stored; every process up")
    }

    /// Reads and drops whatever the peers answered.
    static func drain(_ sockets: [Socket]) throws {
        for socket in sockets {
            while try socket.receiveNow() != nil {}
        }
    }

    /// A peer that stopped reading (it exited, or never started): the run ends there rather than waiting a
    /// second for each of the messages still to send.
    struct PeerStoppedReading: Error, CustomStringConvertible {
        var description: String { "a socket stayed full for a second: its peer stopped reading (see the process logs)" }
    }

    /// Sends, waiting out a full pipe (the peer is busy, not gone) while reading replies.
    static func deliver(_ socket: Socket, _ frames: [Data], draining sockets: [Socket]) throws {
        for _ in 0..<1_000 {
            do {
                try socket.send(frames, dontWait: true)
                return
            } catch {
                guard error.isWouldBlock else { throw error }
                try drain(sockets)
                usleep(1_000)
            }
        }
        throw PeerStoppedReading()
    }
}
