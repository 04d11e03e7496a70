import ArgumentParser
import Foundation
import PresslineCore

/// `pressline up`: run the whole pipeline under supervision.
struct Up: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Launch the queue and the stage workers of a pipeline file, and supervise them.",
        discussion: """
            Starts pressline-queue, then `workers` processes of every stage, restarts any
            that dies, and on Ctrl-C or SIGTERM drains the workers, stops the queue and
            exits 0, leaving no process behind. An ungraceful stop may replay a job; it
            never loses one.

              pressline up                                   # pipelines/default.toml, ./pressline-data
              pressline up pipelines/default.toml --data-dir /var/lib/pressline
            """)

    @Argument(help: "The pipeline file.")
    var pipeline: String = "pipelines/default.toml"

    @Option(help: ArgumentHelp("Where the journal and the store live.", valueName: "DIR"))
    var dataDir: String = "pressline-data"

    @Option(help: "Seconds the workers get to drain before they are killed.")
    var drainSeconds: Double = 30

    func run() throws {
        let config: PipelineConfig
        do { config = try PipelineConfig.load(path: pipeline) } catch {
            printError("\(error)")
            throw ExitStatus.configError
        }
        let binDirectory = Self.executableDirectory()
        for stage in config.stages where !PipelineConfig.knownStages.contains(stage) && (config.settings(for: stage)?.workers ?? 0) > 0 {
            printError("\(pipeline): stage '\(stage)' has no pressline-\(stage) executable; set its workers = 0 and start it by hand")
            throw ExitStatus.configError
        }
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let shutdown = ShutdownSignal.install()
        let supervisor = Supervisor(binDirectory: binDirectory, arguments: ["--pipeline", pipeline, "--data-dir", dataDir])
        try supervisor.start(queue: true)
        for settings in config.settings {
            for _ in 0..<settings.workers { try supervisor.start(stage: settings.name) }
        }
        printNote("pressline up: queue at \(config.queue.submit) (workers connect to \(config.queue.work)); "
                  + config.settings.map { "\($0.workers) \($0.name)" }.joined(separator: ", ") + "; Ctrl-C stops")
        supervisor.supervise(until: shutdown)
        supervisor.stop(drainSeconds: drainSeconds)
        printNote("pressline up: stopped")
    }

    /// Where the `pressline-*` executables are: beside this one.
    static func executableDirectory() -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (path as NSString).deletingLastPathComponent
    }
}

/// Keeps the queue and the workers running; restarts what dies, with backoff.
final class Supervisor {
    let binDirectory: String
    let arguments: [String]
    private var children: [pid_t: (name: String, startedAt: Double)] = [:]
    private var restartDelay: [String: Double] = [:]
    private var queuePID: pid_t?

    init(binDirectory: String, arguments: [String]) {
        self.binDirectory = binDirectory
        self.arguments = arguments
    }

    func start(queue: Bool = false, stage: String? = nil) throws {
        let name = queue ? "queue" : stage!
        let child = try ChildProcess.spawn((binDirectory as NSString).appendingPathComponent("pressline-\(name)"), arguments,
                                           environment: ["PRESSLINE_SUPERVISOR_PID": "\(getpid())"])
        children[child.pid] = (name, monotonicSeconds())
        if queue { queuePID = child.pid }
    }

    /// Waits for `shutdown`, restarting children that exit.
    func supervise(until shutdown: ShutdownSignal) {
        var pendingRestarts: [(name: String, at: Double)] = []
        while !shutdown.requested {
            usleep(100_000)
            let now = monotonicSeconds()
            for (pid, how) in reapChildren() {
                guard let child = children.removeValue(forKey: pid) else { continue }
                // A child that ran a while gets a quick restart; one that keeps dying waits longer each time.
                let delay = now - child.startedAt > 60 ? 0.5 : min(30, (restartDelay[child.name] ?? 0.25) * 2)
                restartDelay[child.name] = delay
                printNote("pressline up: \(child.name) (pid \(pid)) \(how); restarting in \(String(format: "%.1f", delay)) s")
                pendingRestarts.append((child.name, now + delay))
            }
            let due = pendingRestarts.filter { $0.at <= now }
            pendingRestarts.removeAll { $0.at <= now }
            for restart in due {
                do { try start(queue: restart.name == "queue", stage: restart.name) } catch {
                    printError("\(error)")
                    pendingRestarts.append((restart.name, now + 5))
                }
            }
        }
    }

    /// Drains workers (SIGTERM), then stops the queue; kills whatever outlives its deadline.
    func stop(drainSeconds: Double) {
        let workers = children.keys.filter { $0 != queuePID }
        for pid in workers { kill(pid, SIGTERM) }
        waitFor(workers, seconds: drainSeconds)
        if let queuePID, children[queuePID] != nil {
            kill(queuePID, SIGTERM)
            waitFor([queuePID], seconds: 10)
        }
        for pid in children.keys {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        children.removeAll()
    }

    private func waitFor(_ pids: [pid_t], seconds: Double) {
        let deadline = monotonicSeconds() + seconds
        while pids.contains(where: { children[$0] != nil }) && monotonicSeconds() < deadline {
            for (pid, _) in reapChildren() { children[pid] = nil }
            usleep(50_000)
        }
    }
}
