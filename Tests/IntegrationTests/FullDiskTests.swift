import Foundation
import PresslineTesting
import Testing

/// A real full disk: the data directory is a small tmpfs, filled by the run, then grown.
@Suite("Full disk (real processes on a size-limited tmpfs)", .serialized,
       .enabled(if: getuid() == 0, "mounting a tmpfs needs root; run make test as root to include the full-disk tests"))
struct FullDiskTests {
    @Test("the journal's disk fills: new articles are refused with an ALERT; nothing lost once space returns")
    func journalDiskFull() throws {
        try run(full: "journal", expecting: "ALERT journal")
    }

    @Test("the store's disk fills: jobs wait without using attempts, ALERT in status; nothing lost once space returns")
    func storeDiskFull() throws {
        try run(full: "store", expecting: "ALERT store")
    }

    /// Pushes articles while the journal's or the store's file system is 1 MB, waits for the ALERT,
    /// grows the file system, and checks every article is stored once with no dead letters.
    private func run(full: String, expecting alert: String) throws {
        let storeFolder = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-store-\(UUID().uuidString)").path
        let harness = try PipelineHarness(extra: "[stages.store]\nbatch = 16\ndatabase = \"\(storeFolder)/articles.db\"")
        defer { harness.stopAll(); try? FileManager.default.removeItem(atPath: storeFolder) }
        let smallFolder = full == "journal" ? harness.dataDirectory : storeFolder
        try FileManager.default.createDirectory(atPath: storeFolder, withIntermediateDirectories: true)
        let mount = try #require(SmallFileSystem(at: smallFolder, megabytes: 1), "cannot mount a 1 MB tmpfs at \(smallFolder)")
        defer { harness.stopAll(); mount.unmount() }
        for kind in ["queue", "clean", "extract", "store"] { try harness.start(kind) }

        let count = 150
        let folder = try harness.writeArticles(count, bytes: 12_000)
        let push = try harness.launchCLI(["push", "--timeout", "30", folder.path])

        var table = ""
        let blocked = harness.waitUntil(timeout: 120) {
            table = (try? harness.cli(["status", "--timeout", "5"]))?.stdout ?? ""
            return table.contains(alert)
        }
        #expect(blocked, "the disk never filled or status never said so:\n\(table)\n\(harness.log("queue"))")
        print("status while the \(full) disk is full:\n\(table)")
        let whileFull = harness.status()
        #expect(whileFull["dead"] as? Int == 0 && whileFull["failed"] as? Int == 0, "\(whileFull)")
        if full == "store" {
            let store = (whileFull["stages"] as? [[String: Any]] ?? []).first { $0["stage"] as? String == "store" } ?? [:]
            #expect(store["failures"] as? Int == 0, "waiting on a full store must not count as failures: \(store)")
        }

        if full == "journal" {
            // While the disk stays full, push says why it waits instead of going quiet.
            let said = harness.waitUntil(timeout: 20) {
                ((try? String(contentsOf: push.err, encoding: .utf8)) ?? "").contains("waiting: ")
            }
            #expect(said, "push said nothing while the journal's disk was full: \((try? String(contentsOf: push.err, encoding: .utf8)) ?? "")")
        }
        try mount.resize(megabytes: 64)
        let pushed = try harness.finish(push, timeout: 300)
        #expect(pushed.status == 0, "push after space returned: \(pushed.stderr)")
        var status: [String: Any] = [:]
        let finished = harness.waitUntil(timeout: 300) {
            status = harness.status()
            return status["done"] as? Int == count
        }
        #expect(finished, "not every article finished after space returned: \(status)\n\(harness.log("queue"))")
        #expect(status["dead"] as? Int == 0 && status["failed"] as? Int == 0, "\(status)")
        #expect(!(try harness.cli(["status"]).stdout.contains("ALERT")), "the alert stays after space returned")
        let articles = try harness.json(["query", "articles", "--db", "\(storeFolder)/articles.db", "--format", "json", "--limit", "1000"]) as? [[String: Any]] ?? []
        #expect(articles.count == count, "stored \(articles.count) of \(count)")
    }
}

/// A tmpfs of a fixed size mounted over a directory (root only); `resize` grows it in place.
struct SmallFileSystem {
    let path: String

    init?(at path: String, megabytes: Int) {
        guard getuid() == 0 else { return nil }
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.path = path
        guard Self.run(["mount", "-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path]) else { return nil }
    }

    func resize(megabytes: Int) throws {
        guard Self.run(["mount", "-o", "remount,size=\(megabytes)m", path]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    func unmount() { _ = Self.run(["umount", "-l", path]) }

    private static func run(_ arguments: [String]) -> Bool {
        let process = Foundation.Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { ChildStopper.stop(process); return false }
        return process.terminationStatus == 0
    }
}
