import Foundation
import GRDB
import PresslineCore
import PresslineRuntime
import PresslineTesting
import Testing

/// What a hostile client or a careless operator tries first (issue 21): each case failed before its fix.
@Suite("Security (hostile clients, careless operators)", .serialized)
struct SecurityTests {
    /// The jobs `query failed` lists, by name.
    func failures(_ harness: PipelineHarness) throws -> [String: String] {
        let rows = try harness.json(["query", "failed", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        return Dictionary(rows.map { ($0["name"] as? String ?? "", $0["error"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? -1
    }

    @Test("a client cannot make the fetch worker read a local file, and the store and journal are the owner's alone")
    func localFiles() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let push = try harness.cli(["push", "--wait", "file:///etc/passwd", "samples/coastal-storm-evacuation.txt"])
        #expect(push.status == 1, "\(push.stdout) \(push.stderr)")
        let failed = try failures(harness)
        #expect(failed["file:///etc/passwd"]?.contains("file:// URLs are not read from the queue") == true, "\(failed)")
        let search = try harness.cli(["query", "search", "root", "--db", harness.databasePath, "--format", "json"])
        #expect(!search.stdout.contains("/bin/bash") && !search.stdout.contains("root:x:0"))

        let data = harness.dataDirectory
        #expect(mode(data) == 0o700, "data directory: \(String(mode(data), radix: 8))")
        for file in ["articles.db", "articles.db-wal", "queue.db", "queue.db-wal"] {
            #expect(mode("\(data)/\(file)") == 0o600, "\(file): \(String(mode("\(data)/\(file)"), radix: 8))")
        }
        #expect(mode("\(data)/queue.db-payloads") == 0o700)
        let segments = try FileManager.default.contentsOfDirectory(atPath: "\(data)/queue.db-payloads")
        #expect(segments.allSatisfy { mode("\(data)/queue.db-payloads/\($0)") == 0o600 })
    }

    @Test("the fetch stage reaches neither the queue's metrics nor any address the pipeline did not open, directly or by redirect")
    func ssrf() throws {
        let harness = try PipelineHarness(metrics: true, fetchNetworks: ["127.0.0.2/32"])
        defer { harness.stopAll() }
        try harness.startPipeline()
        let server = try LocalHTTPServer(files: ["story.html": ArticlePage.html(title: "Council approves budget")],
                                         address: "127.0.0.2")
        let metrics = "http://127.0.0.1:\(harness.metricsPort!)/metrics"
        let hop = server.url("__redirect?to=\(metrics)")
        let push = try harness.cli(["push", "--wait", metrics, hop, server.url("story.html")])
        #expect(push.status == 1, "\(push.stdout) \(push.stderr)")
        let failed = try failures(harness)
        #expect(failed[metrics]?.contains("a loopback address") == true, "\(failed)")
        #expect(failed[hop]?.contains("redirected to a URL the fetch stage does not reach") == true, "\(failed)")
        let stored = try harness.json(["query", "articles", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        #expect(stored.count == 1, "only the allowed host's story is stored: \(stored)")
        #expect(!stored.contains { ($0["title"] as? String ?? "").contains("pressline_") })
    }

    @Test("a second pressline up on the same ports fails at once and stores nothing; its workers are refused by the first queue")
    func secondUp() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        let first = try harness.launchCLI(["up", harness.pipelinePath, "--data-dir", harness.dataDirectory])
        defer { if first.process.isRunning { kill(first.process.processIdentifier, SIGKILL) } }
        #expect(harness.waitUntil(timeout: 30) { harness.status()["stages"] != nil }, "the first pipeline did not come up")

        let otherData = harness.directory.appendingPathComponent("other").path
        let started = monotonicSeconds()
        let second = try harness.cli(["up", harness.pipelinePath, "--data-dir", otherData], timeout: 30)
        #expect(second.status == 69, "second up: \(second.status) \(second.stderr)")
        #expect(second.stderr.contains("address already in use: another pipeline is running at"), "\(second.stderr)")
        #expect(monotonicSeconds() - started < 15)

        // A worker of the other data directory, started by hand against the first queue, is turned away.
        let stray = try harness.start("store", as: "stray-store", arguments: ["--data-dir", otherData])
        #expect(harness.waitUntil(timeout: 15) { !stray.isRunning }, "a worker of another pipeline kept running")
        #expect(harness.log("stray-store").contains("another pressline up"), "\(harness.log("stray-store").suffix(500))")

        // A second queue on the first one's data directory (other ports) refuses to start.
        let lockProbe = try harness.start("queue", as: "second-queue", arguments: ["--queue", "tcp://127.0.0.1:\(try FreePort.find())"])
        #expect(harness.waitUntil(timeout: 15) { !lockProbe.isRunning })
        #expect(lockProbe.terminationStatus == 69 && harness.log("second-queue").contains("in use by another queue"))

        let folder = try harness.writeArticles(10)
        let push = try harness.cli(["push", "--wait", folder.path])
        #expect(push.status == 0, "\(push.stderr)")
        let stored = try harness.json(["query", "articles", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        #expect(stored.count == 10)
        if FileManager.default.fileExists(atPath: otherData + "/articles.db") {
            let other = try harness.json(["query", "articles", "--db", otherData + "/articles.db", "--format", "json"]) as? [Any] ?? []
            #expect(other.isEmpty, "the second pipeline stored \(other.count) articles")
        }

        // Ctrl-C reaches the supervisor and its children at once.
        for pid in try PipelineHarness.childPIDs(of: first.process.processIdentifier) + [first.process.processIdentifier] { kill(pid, SIGINT) }
        let stopped = try harness.finish(first, timeout: 60)
        #expect(stopped.status == 0)
        #expect(!stopped.stderr.contains("restarting"), "a clean stop announced restarts:\n\(stopped.stderr)")
    }

    @Test("workers beyond 4 per core are refused unless --force; a stage without workers is named at up")
    func workerBounds() throws {
        let harness = try PipelineHarness(extra: "[stages.store]\nworkers = 100000")
        defer { harness.stopAll() }
        let started = monotonicSeconds()
        let refused = try harness.cli(["up", harness.pipelinePath, "--data-dir", harness.dataDirectory], timeout: 30)
        #expect(refused.status == 78 && refused.stderr.contains("stages.store.workers = 100000") && refused.stderr.contains("--force"),
                "\(refused.status) \(refused.stderr)")
        #expect(monotonicSeconds() - started < 10)

        let idle = try PipelineHarness(extra: "[stages.store]\nworkers = 0")
        defer { idle.stopAll() }
        let up = try idle.launchCLI(["up", idle.pipelinePath, "--data-dir", idle.dataDirectory])
        defer { if up.process.isRunning { kill(up.process.processIdentifier, SIGKILL) } }
        #expect(idle.waitUntil(timeout: 30) { idle.status()["stages"] != nil })
        kill(up.process.processIdentifier, SIGTERM)
        let output = try idle.finish(up, timeout: 60)
        #expect(output.stderr.contains("stages.store.workers = 0: jobs wait at store"), "\(output.stderr)")
    }
}

extension SecurityTests {
    @Test("a page cannot take over another site's article through its canonical link; replacements are recorded")
    func canonicalTakeover() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        try harness.startPipeline()
        let paragraph = "The harbour authority reopened the eastern pier on Monday after a month of repairs, officials said."
        let site = try LocalHTTPServer(files: ["story.html": ArticlePage.html(title: "Pier reopens", paragraphs: [paragraph])],
                                       address: "127.0.0.2")
        let original = site.url("story.html")
        let forged = ArticlePage.html(title: "Forged", head: "<link rel=\"canonical\" href=\"\(original)\">")
        let attacker = try LocalHTTPServer(files: ["evil.html": forged], address: "127.0.0.3")
        let file = harness.directory.appendingPathComponent("forged.html")
        try forged.write(to: file, atomically: true, encoding: .utf8)

        let first = try harness.cli(["push", "--wait", "--format", "json", original])
        #expect(first.status == 0, "\(first.stderr)")
        let reports = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]] ?? []
        let id = try #require(reports.first?["article"] as? String)
        for forgery in [attacker.url("evil.html"), file.path] {
            let push = try harness.cli(["push", "--wait", forgery])
            #expect(push.status == 0, "\(push.stderr)")
        }
        let record = try harness.json(["query", "show", id, "--db", harness.databasePath, "--format", "json"]) as? [String: Any] ?? [:]
        #expect(record["title"] as? String == "Pier reopens", "\(record)")
        #expect(record["source"] as? String == original)
        let articles = try harness.json(["query", "articles", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        #expect(articles.count == 3, "each forgery is kept as an article of its own: \(articles)")

        // The page itself changes: a replacement, recorded with when and from where.
        try ArticlePage.html(title: "Pier reopens again", paragraphs: [paragraph, "It reopened again."])
            .write(to: site.root.appendingPathComponent("story.html"), atomically: true, encoding: .utf8)
        #expect(try harness.cli(["push", "--wait", "--refetch", original]).status == 0)
        let database = try DatabaseQueue(path: harness.databasePath)
        let rows = try database.read { try Row.fetchAll($0, sql: "SELECT * FROM replacements WHERE article_id = ?", arguments: [id]) }
        #expect(rows.count == 1 && rows.first?["new_source"] as String? == original && rows.first?["old_title"] as String? == "Pier reopens")
    }
}
