import ArgumentParser
import Foundation
import PresslineCore
import PresslineRuntime

/// The operator CLI.
@main
struct Pressline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pressline",
        abstract: "Turn news articles into structured, queryable records.",
        discussion: """
            Start the pipeline, push articles, watch it work, query what was stored:

              pressline up pipelines/default.toml &
              pressline push --wait samples/
              pressline status
              pressline query people

            Or run the stages in this process, without a queue:

              pressline process --stages clean,extract article.html
            """,
        subcommands: [Up.self, Push.self, Watch.self, Status.self, Query.self, Retry.self, ProcessCommand.self, Keygen.self])

    /// Entry point: takes SIGTERM and SIGINT back first, in case a parent started us with them blocked
    /// (test runners do), so that a stop request always stops the CLI.
    static func main() {
        ShutdownSignal.unblock()
        LargeAllocations.reuseFreedMemory()
        main(nil)
    }
}
