import ArgumentParser
import Foundation
import PresslineCore
import PresslineQueue
import PresslineRuntime

/// `pressline up`: run the whole pipeline under supervision.
struct Up: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Launch the queue and the stage workers of a pipeline file, and supervise them.",
        discussion: """
            Starts pressline-queue, then `workers` processes of every stage, restarts any
            that dies, and on Ctrl-C or SIGTERM drains the workers, stops the queue and
            exits 0, leaving no process behind. An ungraceful stop may replay a job; it
            never loses one.

            If the queue cannot start (its ports are taken by another pipeline, or another
            queue uses the data directory) everything stops at once with exit code 69.
            A stage gets at most 4 workers per CPU core unless --force is given.

              pressline up                                   # pipelines/default.toml, ./pressline-data
              pressline up pipelines/default.toml --data-dir /var/lib/pressline
            """)

    @Argument(help: "The pipeline file.")
    var pipeline: String = "pipelines/default.toml"

    @Option(help: ArgumentHelp("Where the journal and the store live.", valueName: "DIR"))
    var dataDir: String = "pressline-data"

    @Option(help: "Seconds the workers get to drain before they are killed.")
    var drainSeconds: Double = 30

    @Flag(help: "Start more workers per stage than 4 per CPU core.")
    var force = false

    /// Workers per stage without --force: more than this many processes per core only contend for it, and an
    /// unbounded count (a typo of 100000) would fork until the host runs out of process ids.
    static var maxWorkersPerStage: Int { 4 * ProcessInfo.processInfo.activeProcessorCount }

    func run() throws {
        let config: PipelineConfig
        do { config = try PipelineConfig.load(path: pipeline) } catch {
            printError("\(error)")
            throw ExitStatus.configError
        }
        let binDirectory = Self.executableDirectory()
        // A custom stage runs under `up` when its executable stands beside these; otherwise it is started by hand.
        for stage in config.stages where config.settings(for: stage).workers > 0
            && !FileManager.default.isExecutableFile(atPath: "\(binDirectory)/pressline-\(stage)") {
            printError("\(pipeline): stage '\(stage)' has no pressline-\(stage) executable in \(binDirectory); set its workers = 0 and start it by hand")
            throw ExitStatus.configError
        }
        if !force, let crowded = config.settings.first(where: { $0.workers > Self.maxWorkersPerStage }) {
            printError("\(pipeline): stages.\(crowded.name).workers = \(crowded.workers) is more than \(Self.maxWorkersPerStage) "
                       + "(4 per CPU core); lower it, or pass --force to start them all")
            throw ExitStatus.configError
        }
        for stage in Self.stagesWithoutWorkers(config) {
            printNote("pressline up: warning: stages.\(stage).workers = 0: jobs wait at \(stage) until a pressline-\(stage) "
                      + "worker is started by hand (pressline-\(stage) --pipeline \(pipeline) --data-dir \(dataDir))")
        }
        PrivateFiles.restrictNewFiles()
        do {
            try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            printError("cannot use --data-dir \(dataDir): \(describe(error)); name a directory this user may create and write")
            throw ExitStatus.ioError
        }
        let shutdown = ShutdownSignal.install()
        let supervisor = Supervisor(binDirectory: binDirectory, arguments: ["--pipeline", pipeline, "--data-dir", dataDir],
                                    queueCannotStart: QueueStartError.exitCode, note: printNote)
        do {
            try supervisor.start(.queue)
            for settings in config.settings {
                for _ in 0..<settings.workers where !shutdown.requested {
                    try supervisor.start(.stage(settings.name))
                    // Paced, so that many workers neither storm the queue nor hide a stop request.
                    if settings.workers > 8 { usleep(20_000) }
                }
            }
        } catch {
            printError("\(error)")
            supervisor.stop(drainSeconds: drainSeconds)
            throw ExitStatus.unavailable
        }
        printNote("pressline up: queue at \(config.queue.submit) (workers connect to \(config.queue.work)); "
                  + config.settings.map { "\($0.workers) \($0.name)" }.joined(separator: ", ") + "; Ctrl-C stops")
        let ending = supervisor.supervise(until: shutdown)
        supervisor.stop(drainSeconds: drainSeconds)
        if case .queueCannotStart = ending {
            printError("pressline up: the queue cannot start (its reason is above); every process was stopped")
            throw ExitStatus.unavailable
        }
        printNote("pressline up: stopped")
    }

    /// Stages that jobs reach (an entry, or after one) but that no worker of `up` serves.
    static func stagesWithoutWorkers(_ config: PipelineConfig) -> [StageName] {
        let entries = Set(config.entry.values)
        guard let first = config.stages.firstIndex(where: entries.contains) else { return [] }
        return config.stages[first...].filter { config.settings(for: $0).workers == 0 }
    }

    /// Where the `pressline-*` executables are: beside this one.
    static func executableDirectory() -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (path as NSString).deletingLastPathComponent
    }
}
