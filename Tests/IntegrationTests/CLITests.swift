import Foundation
import PresslineCore
import PresslineTesting
import Testing

/// The CLI's answers to wrong input: a sentence and the documented exit code, never a raw error dump.
@Suite("CLI errors and exit codes", .serialized)
struct CLITests {
    /// Runs `pressline ARGS` with `input` on stdin (bounded wait), without a queue.
    func run(_ arguments: [String], input: Data = Data()) throws -> PipelineHarness.Output {
        let process = Foundation.Process()
        process.executableURL = URL(fileURLWithPath: "\(PipelineHarness.binDirectory)/pressline")
        process.arguments = arguments
        process.currentDirectoryURL = PipelineHarness.repository
        let stdin = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = out.fileHandleForReading.readDataToEndOfFile(), error = err.fileHandleForReading.readDataToEndOfFile()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { ChildStopper.stop(process) }
        return .init(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: String(decoding: error, as: UTF8.self))
    }

    @Test("random bytes on stdin and an empty file are refused as not articles (65), before any queue is asked")
    func garbageInput() throws {
        var random = SeededRandom(seed: 21)
        let garbage = Data((0..<3000).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        let stdin = try run(["push", "--wait", "--queue", "tcp://127.0.0.1:1", "-"], input: garbage)
        #expect(stdin.status == 65 && stdin.stderr.contains("stdin is binary"), "\(stdin.status) \(stdin.stderr)")
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-empty-\(UUID().uuidString).txt")
        try "  \n".write(to: empty, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: empty) }
        let file = try run(["push", "--queue", "tcp://127.0.0.1:1", empty.path])
        #expect(file.status == 65 && file.stderr.contains("is empty"), "\(file.status) \(file.stderr)")
    }

    @Test("a store that is a directory, empty, or not SQLite: exit 66 with a sentence, no SQL in sight")
    func notAStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-stores-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent("empty.db"))
        try Data("this is not a database, it is a note to myself".utf8).write(to: folder.appendingPathComponent("note.db"))
        for (path, words) in [(folder.path, "it is a directory"), (folder.appendingPathComponent("empty.db").path, "it is an SQLite file without Pressline's tables"),
                              (folder.appendingPathComponent("note.db").path, "it is not an SQLite database")] {
            let output = try run(["query", "articles", "--db", path])
            #expect(output.status == 66 && output.stderr.contains("is not a Pressline store: \(words)"), "\(path): \(output.status) \(output.stderr)")
            #expect(!output.stderr.contains("SQLite error") && !output.stderr.contains("SELECT"))
        }
    }

    @Test("unwritable places and negative numbers are explained: keygen --dir /proc/x, up --data-dir a file, --timeout -1")
    func explainedMistakes() throws {
        let keygen = try run(["keygen", "--dir", "/proc/pressline-x"])
        #expect(keygen.status == 74 && keygen.stderr.contains("cannot write the keys into --dir /proc/pressline-x"), "\(keygen.stderr)")
        #expect(!keygen.stderr.contains("NSCocoaErrorDomain"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-file-\(UUID().uuidString)")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let up = try run(["up", "pipelines/default.toml", "--data-dir", file.path + "/data"])
        #expect(up.status == 74 && up.stderr.contains("cannot use --data-dir"), "\(up.status) \(up.stderr)")
        #expect(!up.stderr.contains("NSCocoaErrorDomain"))
        let timeout = try run(["status", "--timeout", "-1"])
        #expect(timeout.status == 64 && timeout.stderr.contains("--timeout takes a number of seconds above 0"), "\(timeout.stderr)")
        let failed = try run(["query", "failed", "--queue", "tcp://127.0.0.1:\(try FreePort.find())", "--timeout", "1"])
        #expect(failed.status == 69 && failed.stderr.contains("no answer from the queue"), "\(failed.status) \(failed.stderr)")
        let help = try run(["push", "--help"])
        #expect(help.stdout.contains("text or json") && !help.stdout.contains("ndjson"), "\(help.stdout)")
    }

    @Test("push --wait names a stage that no worker serves instead of waiting in silence")
    func stageWithoutWorkers() throws {
        let harness = try PipelineHarness()
        defer { harness.stopAll() }
        for kind in ["queue", "clean", "store"] { try harness.start(kind) }
        let output = try harness.cli(["push", "--wait", "--wait-timeout", "8", "samples/coastal-storm-evacuation.txt"], timeout: 60)
        #expect(output.status == 1)
        #expect(output.stderr.contains("wait at stage extract, which has no worker"), "\(output.stderr)")
    }

    @Test("the same page cleans the same in every process: candidates with equal scores go to the earlier one")
    func tiedScores() throws {
        let harbour = String(repeating: "The harbour board met on Monday to approve repairs to the eastern pier, which storms damaged in March, officials said. ", count: 3)
        let school = String(repeating: "The school board met on Friday to approve a budget for the coming term, which parents debated in April, teachers said. ", count: 3)
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-tie-\(UUID().uuidString).html")
        try "<html><head><title>Two stories</title></head><body><main><section><div class='x'><p>\(harbour)</p></div></section><section><div class='y'><p>\(school)</p></div></section></main></body></html>"
            .write(to: page, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: page) }
        // Nodes hash by address, which differs from process to process: eight processes would see both orders.
        // Every page an article: what this page's type is does not concern the body's tie.
        for _ in 0..<8 {
            let output = try run(["process", "--stages", "clean", "--format", "ndjson", "--every-page-an-article", page.path])
            let record = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            #expect((record?["text"] as? String)?.hasPrefix("The harbour board") == true, "\(output.stdout.prefix(200))")
        }
    }
}
