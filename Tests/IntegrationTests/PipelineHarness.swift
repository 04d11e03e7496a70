import Foundation
import PresslineCore
import PresslineRuntime
import PresslineWire
import PresslineTesting
import Testing
import ZeroMQ

/// Runs the real executables on free loopback ports in a temporary folder, and cleans up after itself.
final class PipelineHarness {
    static let binDirectory: String = ProcessInfo.processInfo.environment["PRESSLINE_BIN_DIR"]
        ?? repository.appendingPathComponent(".build/debug").path
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seed = repository.deletingLastPathComponent().appendingPathComponent("shared/seed/kyiv-independent-rutte-zelensky.txt")

    let directory: URL
    let submit: String
    let work: String
    let pipelinePath: String
    private(set) var children: [String: Foundation.Process] = [:]
    /// The executable kind (`clean`) behind each child's name (`clean-1`).
    private var kinds: [String: String] = [:]

    /// Writes a pipeline file with free ports; `extra` is appended TOML, `fetch` added under `[stages.fetch]`.
    /// Loopback hosts are asked without a rest between fetches unless `fetch` sets `per_host_delay`.
    /// The port of the Prometheus endpoint, when asked for.
    let metricsPort: Int?

    /// Whether the queue requires CURVE and listed client keys (in `keys/` beside the pipeline file, made by
    /// `pressline keygen`: `queue`, `workers` and `operator`, the last two on the `authorized` list).
    let curve: Bool

    static let curveSettings = """
        curve_secret_key = "keys/queue.key"
        curve_public_key = "keys/queue.pub"
        curve_authorized_keys = "keys/authorized"
        curve_client_key = "keys/workers.key"
        """

    /// `fetchNetworks` are the ranges the fetch stage may reach beyond the public internet: the tests' servers
    /// are on loopback, which a pipeline must open on purpose.
    init(extra: String = "", fetch: String = "", metrics: Bool = false, curve: Bool = false, fetchNetworks: [String] = ["127.0.0.0/8"]) throws {
        self.curve = curve
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-it-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        submit = "tcp://127.0.0.1:\(try FreePort.find())"
        work = "tcp://127.0.0.1:\(try FreePort.find())"
        pipelinePath = directory.appendingPathComponent("pipeline.toml").path
        metricsPort = metrics ? try FreePort.find() : nil
        let toml = """
            [queue]
            submit = "\(submit)"
            work = "\(work)"
            \(metricsPort.map { "metrics = \"tcp://127.0.0.1:\($0)\"" } ?? "")
            \(curve ? Self.curveSettings : "")
            lease_seconds = 30
            backoff_seconds = 0.2
            [stages.fetch]
            allow_networks = [\(fetchNetworks.map { "\"\($0)\"" }.joined(separator: ", "))]
            \(fetch.contains("per_host_delay") ? "" : "per_host_delay = 0")
            \(fetch)
            [stages.clean]
            workers = 2
            [stages.extract]
            workers = 2
            \(extra)
            """
        try toml.write(toFile: pipelinePath, atomically: true, encoding: .utf8)
    }

    var dataDirectory: String { directory.appendingPathComponent("data").path }
    var databasePath: String { directory.appendingPathComponent("data/articles.db").path }

    /// Starts `pressline-<kind>` under `name`, logging to the temporary folder.
    @discardableResult
    func start(_ kind: String, as name: String? = nil, arguments: [String] = []) throws -> Foundation.Process {
        let process = Foundation.Process()
        process.executableURL = URL(fileURLWithPath: "\(Self.binDirectory)/pressline-\(kind)")
        process.arguments = ["--pipeline", pipelinePath, "--data-dir", dataDirectory] + arguments
        // The processes exit by themselves if the test process dies before it stops them.
        var environment = ProcessInfo.processInfo.environment
        environment["PRESSLINE_SUPERVISOR_PID"] = "\(getpid())"
        process.environment = environment
        // A restarted process appends to the log of the one before it.
        let log = directory.appendingPathComponent("\(name ?? kind).log")
        if !FileManager.default.fileExists(atPath: log.path) { try Data().write(to: log) }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        children[name ?? kind] = process
        kinds[name ?? kind] = kind
        return process
    }

    /// Kills `name` with SIGKILL (no drain, no goodbye), waits until it is gone, and starts it again.
    func killAndRestart(_ name: String, pause: Double = 0.3) throws {
        guard let process = children[name], let kind = kinds[name] else { return }
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(5)
        while ChildStopper.isAlive(process.processIdentifier) && Date() < deadline { usleep(5_000) }
        usleep(UInt32(pause * 1_000_000))
        try start(kind, as: name)
    }

    /// Starts the queue, fetch, two clean, two extract and the store.
    func startPipeline() throws {
        try start("queue")
        // A CLI call gives the queue 10 s to answer; on a loaded host a queue just started can take longer to
        // bind, so the pipeline counts as started once the queue answers (bounded: a queue that never does
        // leaves the test's own expectations to say so).
        waitUntil(timeout: 30) { !status().isEmpty }
        try start("fetch")
        try start("clean", as: "clean-1")
        try start("clean", as: "clean-2")
        try start("extract", as: "extract-1")
        try start("extract", as: "extract-2")
        try start("store")
    }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// A `pressline` call running in the background.
    struct RunningCLI {
        let process: Foundation.Process
        let arguments: [String]
        let out: URL
        let err: URL
    }

    /// Starts `pressline ARGS` against this pipeline's queue without waiting for it.
    func launchCLI(_ arguments: [String], withServerKey: Bool = true) throws -> RunningCLI {
        let process = Foundation.Process()
        process.executableURL = URL(fileURLWithPath: "\(Self.binDirectory)/pressline")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PRESSLINE_QUEUE"] = submit
        if curve && withServerKey {
            environment["PRESSLINE_SERVER_KEY"] = directory.appendingPathComponent("keys/queue.pub").path
            environment["PRESSLINE_CLIENT_KEY"] = environment["PRESSLINE_CLIENT_KEY"] ?? directory.appendingPathComponent("keys/operator.key").path
        }
        process.environment = environment
        process.currentDirectoryURL = Self.repository
        let out = directory.appendingPathComponent("cli-\(UUID().uuidString).out"), err = out.appendingPathExtension("err")
        try Data().write(to: out)
        try Data().write(to: err)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return RunningCLI(process: process, arguments: arguments, out: out, err: err)
    }

    /// Waits (bounded) for a background call to end and returns what it printed.
    func finish(_ running: RunningCLI, timeout: Double = 120) throws -> Output {
        let deadline = Date().addingTimeInterval(timeout)
        while running.process.isRunning && Date() < deadline { usleep(20_000) }
        if running.process.isRunning {
            ChildStopper.stop(running.process)
            Issue.record("pressline \(running.arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        return Output(status: running.process.terminationStatus, stdout: try String(contentsOf: running.out, encoding: .utf8),
                      stderr: try String(contentsOf: running.err, encoding: .utf8))
    }

    /// Runs `pressline ARGS` against this pipeline's queue, with a bounded wait.
    func cli(_ arguments: [String], timeout: Double = 120, withServerKey: Bool = true) throws -> Output {
        try finish(launchCLI(arguments, withServerKey: withServerKey), timeout: timeout)
    }

    /// The queue's STATUS as JSON (empty when the queue does not answer).
    func status() -> [String: Any] {
        guard let output = try? cli(["status", "--format", "json", "--timeout", "5"]), output.status == 0 else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [String: Any] ?? [:]
    }

    /// A DEALER connected to the queue's submit endpoint, as a batching client is.
    func submitClient(_ context: Context) throws -> Socket {
        let socket = try Socket(context, type: .dealer)
        try socket.setOption(.linger, 0)
        try socket.connect(submit)
        return socket
    }

    /// The envelopes `socket` receives, plain or in batches, until `enough` says so or 30 s pass.
    func replies(on socket: Socket, until enough: ([Envelope]) -> Bool) throws -> [Envelope] {
        var received: [Envelope] = []
        let deadline = monotonicSeconds() + 30
        while !enough(received), monotonicSeconds() < deadline {
            guard let reply = try socket.receive(timeout: 1000) else { continue }
            received += try Envelope.parseAll(reply[...]).map { try $0.get() }
        }
        return received
    }

    /// Polls `condition` every 100 ms until it holds or `timeout` seconds pass; returns whether it held.
    @discardableResult
    func waitUntil(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            usleep(100_000)
        }
        return try condition()
    }

    /// The stored articles, none while there is no store yet; records no expectation, so it can be polled.
    func storedArticles() -> [[String: Any]] {
        guard let output = try? cli(["query", "articles", "--db", databasePath, "--format", "json"]), output.status == 0 else { return [] }
        return (try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [[String: Any]] ?? []
    }

    /// Parses JSON from a CLI call's stdout.
    func json(_ arguments: [String]) throws -> Any {
        let output = try cli(arguments)
        #expect(output.status == 0, "pressline \(arguments.joined(separator: " ")): \(output.stderr)")
        return try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    }

    /// Writes `count` distinct plain-text articles of about `bytes` each into `folder` under this harness.
    func writeArticles(_ count: Int, bytes: Int = 2_000, folder name: String = "articles") throws -> URL {
        let folder = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let people = ["Ana Ruiz", "Tomas Berg", "Mira Okafor", "Jonas Weller", "Lena Ortiz"]
        let cities = ["Lisbon", "Oslo", "Lagos", "Vienna", "Quito"]
        for i in 0..<count {
            let person = people[i % people.count], city = cities[(i / people.count) % cities.count]
            var text = "Bridge \(i) opens in \(city)\n\nMayor \(person) opened bridge number \(i) in \(city) on Monday, "
                + "the city council said. \"It is done, and it is number \(i),\" \(person.split(separator: " ").last!) said.\n\n"
            var paragraph = 0
            while text.utf8.count < bytes {
                paragraph += 1
                text += "Paragraph \(paragraph) of report \(i): engineers from the \(city) Transport Authority inspected the span "
                    + "and found it sound, while residents crossed it for the first time after years of delays.\n\n"
            }
            try text.write(to: folder.appendingPathComponent("article-\(i).txt"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// The processes whose parent is `parent` (read from /proc).
    static func childPIDs(of parent: pid_t) throws -> [pid_t] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && Int32(fields[1]) == parent
        }
    }

    /// A process's log, for failure messages.
    func log(_ name: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? ""
    }

    /// SIGTERM to every child, a bounded wait, then SIGKILL; nothing is left running.
    func stopAll() {
        for process in children.values where process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(10)
        while children.values.contains(where: \.isRunning) && Date() < deadline { usleep(20_000) }
        for process in children.values where process.isRunning { ChildStopper.stop(process, grace: 0) }
    }

    deinit {
        stopAll()
        try? FileManager.default.removeItem(at: directory)
    }
}
