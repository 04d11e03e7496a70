import Foundation
import PresslineCore

/// The few flags every `pressline-*` executable takes, parsed without a dependency
/// so that the stage mains stay small: `--pipeline FILE`, `--data-dir DIR`,
/// `--queue ENDPOINT` (the work or submit endpoint, overriding the file), `--help`.
public struct CommandLineOptions: Sendable {
    public var pipelinePath = "pipelines/default.toml"
    public var dataDirectory = "pressline-data"
    public var queueEndpoint: String?

    /// Parses `arguments` (without the program name); prints `usage` and exits on `--help`,
    /// and exits with status 64 and a sentence on a wrong flag.
    public static func parse(_ arguments: [String] = Array(CommandLine.arguments.dropFirst()), usage: String) -> CommandLineOptions {
        var options = CommandLineOptions()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "-h", "--help":
                print(usage)
                exit(0)
            case "--pipeline", "--data-dir", "--queue":
                guard let value = rest.popFirst() else { fail("\(flag) needs a value", usage: usage) }
                switch flag {
                case "--pipeline": options.pipelinePath = value
                case "--data-dir": options.dataDirectory = value
                default: options.queueEndpoint = value
                }
            default:
                fail("unknown argument '\(flag)'", usage: usage)
            }
        }
        return options
    }

    /// Loads the pipeline file, or exits with status 78 (configuration error) and the reason.
    public func loadPipeline() -> PipelineConfig {
        do {
            return try PipelineConfig.load(path: pipelinePath)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(78)
        }
    }

    private static func fail(_ message: String, usage: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n\n\(usage)\n".utf8))
        exit(64)
    }
}
