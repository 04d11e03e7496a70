import ArgumentParser
import Foundation
import PresslineCore

/// The flags every `pressline-*` executable takes: `--pipeline FILE`, `--data-dir DIR`, `--queue ENDPOINT`
/// (the work or submit endpoint, overriding the file), `--help`.
///
/// ```swift
/// let options = ExecutableOptions.parseOrExit(about: "Runs one clean worker …")
/// let pipeline = options.loadPipeline()
/// ```
public struct ExecutableOptions: ParsableCommand, Sendable {
    /// Named after the executable, so that help and errors say `pressline-clean`, not a type's name.
    public static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: (CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent }) ?? "pressline")
    }

    @Option(name: .customLong("pipeline"), help: ArgumentHelp("The pipeline file.", valueName: "FILE"))
    public var pipelinePath = "pipelines/default.toml"

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where the journal and the store live.", valueName: "DIR"))
    public var dataDirectory = "pressline-data"

    @Option(name: .customLong("queue"),
            help: ArgumentHelp("The queue's endpoint, overriding the pipeline file: queue.work for a worker, queue.submit for the queue.",
                               valueName: "ENDPOINT"))
    public var queueEndpoint: String?

    public init() {}

    /// Parses the process's arguments; on `--help` prints `about` and the flags and exits 0, on a wrong flag
    /// says what is wrong and exits 64.
    public static func parseOrExit(about: String) -> ExecutableOptions {
        do {
            return try parse()
        } catch {
            if exitCode(for: error) == .success {
                print(about + "\n\n" + helpMessage())
                Foundation.exit(0)
            }
            exit(withError: error)
        }
    }

    /// Loads the pipeline file, or exits with status 78 (configuration error) and the reason.
    public func loadPipeline() -> PipelineConfig {
        do {
            return try PipelineConfig.load(path: pipelinePath)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(78)
        }
    }
}
