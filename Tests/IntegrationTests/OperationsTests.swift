import Foundation
import PresslineCore
import PresslineWire
import PresslineTesting
import Testing
import ZeroMQ

/// Running the pipeline as an operator does: CURVE and allow-lists, wrong input at the CLI, stopping.
@Suite("Operations (real processes on loopback)", .serialized)
struct OperationsTests {
    @Test("with CURVE and an allow-list, a worker or client without the queue's key, or with a key not on the list, gets nothing and injects nothing")
    func curve() throws {
        let harness = try PipelineHarness(curve: true)
        defer { harness.stopAll() }
        let keys = harness.directory.appendingPathComponent("keys")
        let authorized = keys.appendingPathComponent("authorized").path
        for (name, listed) in [("queue", false), ("workers", true), ("operator", true), ("stranger", false)] {
            let keygen = try harness.cli(["keygen", "--dir", keys.path, "--name", name] + (listed ? ["--authorize", authorized] : []))
            #expect(keygen.status == 0, "\(keygen.stderr)")
        }
        let mode = (try FileManager.default.attributesOfItem(atPath: keys.appendingPathComponent("queue.key").path)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
        try harness.startPipeline()

        let push = try harness.cli(["push", "--wait", "samples/coastal-storm-evacuation.txt"])
        #expect(push.status == 0, "\(push.stderr)\n\(harness.log("queue"))")
        let keyless = try harness.cli(["push", "--timeout", "2", "samples/drought-wheat-farmers.txt"], withServerKey: false)
        #expect(keyless.status == 69)
        // The queue's public key is not enough: a client key that is not on the list is refused.
        let stranger = try harness.cli(["push", "--timeout", "2", "--client-key", keys.appendingPathComponent("stranger.key").path,
                                        "samples/drought-wheat-farmers.txt"])
        #expect(stranger.status == 69, "an unlisted client key got through: \(stranger.stdout)")

        // Workers with the endpoints but no key, or the queue's key and an unlisted key of their own,
        // and a raw socket sending a READY and garbage.
        var rogues: [Foundation.Process] = []
        defer { rogues.forEach { ChildStopper.stop($0) } }
        for (file, settings) in [("open.toml", ""), ("stranger.toml", "curve_public_key = \"keys/queue.pub\"\ncurve_client_key = \"keys/stranger.key\"")] {
            let path = harness.directory.appendingPathComponent(file).path
            try "[queue]\nsubmit = \"\(harness.submit)\"\nwork = \"\(harness.work)\"\n\(settings)\n".write(toFile: path, atomically: true, encoding: .utf8)
            let rogue = Foundation.Process()
            rogue.executableURL = URL(fileURLWithPath: "\(PipelineHarness.binDirectory)/pressline-clean")
            rogue.arguments = ["--pipeline", path]
            rogue.standardError = FileHandle.nullDevice
            try rogue.run()
            rogues.append(rogue)
        }
        let context = try Context()
        defer { context.terminate() }
        let raw = try Socket(context, type: .dealer)
        try raw.setOption(.linger, 0)
        try raw.connect(harness.work)
        try raw.send([try Header(.ready, stage: "clean").encoded()])
        try raw.send([Data("garbage".utf8)])
        raw.close()
        // The refusal is proven by the queue's own account: the unlisted worker's key refused (after the
        // unlisted client's), bounded; the keyless peers fail the CURVE handshake and never reach it.
        let refusals = { harness.log("queue").components(separatedBy: "client key not authorized").count - 1 }
        #expect(harness.waitUntil(timeout: 15) { refusals() >= 2 }, "the queue never refused the unlisted worker:\n\(harness.log("queue").suffix(1_000))")
        let status = try harness.json(["status", "--format", "json"]) as? [String: Any] ?? [:]
        let clean = (status["stages"] as? [[String: Any]] ?? []).first { $0["stage"] as? String == "clean" } ?? [:]
        #expect(clean["workers"] as? Int == 2, "a rogue worker registered: \(clean)")
        #expect(status["malformed"] as? Int == 0, "a rogue peer's message arrived")
        #expect(status["done"] as? Int == 1)
        #expect(harness.log("queue").contains("client key not authorized"))

        // A refused worker still drains and exits 0 on SIGTERM: its sends are bounded, not stuck.
        for rogue in rogues { kill(rogue.processIdentifier, SIGTERM) }
        #expect(harness.waitUntil(timeout: 4) { rogues.allSatisfy { !ChildStopper.isAlive($0.processIdentifier) } },
                "a refused worker hung on SIGTERM")
    }

    @Test("bad input gets a clear error and exit code")
    func badInput() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        let missing = try harness.cli(["push", "/nonexistent/article.html"])
        #expect(missing.status == 66 && missing.stderr.contains("no such file"))

        let unreachable = try harness.cli(["push", "--timeout", "1", "samples/harbor-bridge-vote.html"])
        #expect(unreachable.status == 69 && unreachable.stderr.contains("no answer from the queue"))
        let status = try harness.cli(["status", "--timeout", "1"])
        #expect(status.status == 69)

        let bad = harness.directory.appendingPathComponent("bad.toml").path
        try "[queue]\nwindow = \"many\"\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let up = try harness.cli(["up", bad])
        #expect(up.status == 78 && up.stderr.contains("bad.toml") && up.stderr.contains("window"))

        let folder = harness.directory.appendingPathComponent("mixed")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: folder.appendingPathComponent("photo.png"))
        try "{}".write(to: folder.appendingPathComponent("data.json"), atomically: true, encoding: .utf8)
        // An article file is read only as it goes out: a binary one is named and skipped then.
        try Data([0x3C, 0x70, 0x00, 0x3E]).write(to: folder.appendingPathComponent("broken.html"))
        let onlyJunk = try harness.cli(["push", folder.path])
        #expect(onlyJunk.status == 65 && onlyJunk.stderr.contains("photo.png") && onlyJunk.stderr.contains("nothing to push"))
        #expect(onlyJunk.stderr.contains("broken.html: is binary"))

        let notArticle = try harness.cli(["push", folder.appendingPathComponent("data.json").path])
        #expect(notArticle.status == 65 && notArticle.stderr.contains("not an article file"))

        let noQuery = try harness.cli(["query", "articles", "--db", "/nonexistent/articles.db"])
        #expect(noQuery.status == 66 && noQuery.stderr.contains("no Pressline store"))

        let wrongFlag = try harness.cli(["push", "--frobnicate", "x"])
        #expect(wrongFlag.status == 64 && wrongFlag.stderr.contains("frobnicate"))
    }

    @Test("SIGTERM to a worker whose queue is gone still exits 0, promptly")
    func drainWithoutQueue() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.start("queue")
        let worker = try harness.start("extract")
        #expect(harness.waitUntil(timeout: 30) { harness.log("extract").contains("worker started") })
        if let queue = harness.children["queue"] { kill(queue.processIdentifier, SIGKILL) }
        usleep(300_000)
        kill(worker.processIdentifier, SIGTERM)
        let stopped = harness.waitUntil(timeout: 10) { !ChildStopper.isAlive(worker.processIdentifier) }
        #expect(stopped, "the worker hung in its drain with the queue gone:\n\(harness.log("extract"))")
        if stopped {
            worker.waitUntilExit()
            #expect(worker.terminationStatus == 0)
        }
    }

    @Test("pressline up starts everything, restarts a worker that dies, and SIGTERM stops it all with nothing left behind")
    func upAndDown() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        let up = Foundation.Process()
        up.executableURL = URL(fileURLWithPath: "\(PipelineHarness.binDirectory)/pressline")
        up.arguments = ["up", harness.pipelinePath, "--data-dir", harness.dataDirectory]
        up.standardOutput = FileHandle.nullDevice
        up.standardError = FileHandle.nullDevice
        try up.run()
        defer { if up.isRunning { kill(up.processIdentifier, SIGKILL) } }
        let push = try harness.cli(["push", "--wait", "samples/coastal-storm-evacuation.txt"])
        #expect(push.status == 0, "\(push.stderr)")
        let first = try PipelineHarness.childPIDs(of: up.processIdentifier)
        #expect(first.count == 7)  // queue, fetch, 2 clean, 2 extract, store

        // A worker that dies is restarted.
        let victim = try #require(first.first { (try? String(contentsOfFile: "/proc/\($0)/cmdline", encoding: .utf8))?.contains("pressline-extract") == true })
        kill(victim, SIGKILL)
        var children = first
        for _ in 0..<200 {
            children = try PipelineHarness.childPIDs(of: up.processIdentifier)
            if children.count == 7 && !children.contains(victim) { break }
            usleep(50_000)
        }
        #expect(children.count == 7 && !children.contains(victim), "not restarted: \(children)")
        let again = try harness.cli(["push", "--wait", "samples/drought-wheat-farmers.txt"])
        #expect(again.status == 0, "\(again.stderr)")

        kill(up.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(30)
        while up.isRunning && Date() < deadline { usleep(20_000) }
        #expect(!up.isRunning)
        #expect(up.terminationStatus == 0)
        let survivors = children.filter { kill($0, 0) == 0 }
        #expect(survivors.isEmpty, "left running: \(survivors)")
    }
}
