import ArgumentParser
import Foundation
import PresslineCore
import PresslineWire
import PresslineJSON
import PresslineClient

/// `pressline retry`: send failed and dead jobs through the pipeline again.
struct Retry: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send failed or dead jobs back to the queue, after a fix.",
        discussion: """
              pressline query failed            # see what failed and why
              pressline retry --all             # send every failed and dead job back
              pressline retry 3f0c… 9a1b…       # or only these jobs

            Jobs start again at their entry stage with their attempts reset.
            """)

    @OptionGroup var queueOptions: QueueOptions

    @Flag(help: "Retry every failed and dead job.")
    var all = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("Job ids, as `pressline query failed` lists them.", valueName: "ID"))
    var ids: [String] = []

    func validate() throws {
        if all == !ids.isEmpty { throw ValidationError("Please give job IDs or --all, not both and not neither.") }
        if ![.text, .json].contains(format) { throw ValidationError("retry prints --format text or json.") }
    }

    func run() throws {
        let sent: [String]
        do {
            let client = try queueOptions.client()
            sent = try client.request(Envelope(Header(.retry), payload: JSON.encoder.encode(ids))).decodePayload([String].self)
        } catch let failure as QueueClient.Failure {
            printError(failure.description)
            throw ExitStatus.unavailable
        }
        if format == .json {
            print(String(decoding: try JSON.prettyEncoder.encode(sent), as: UTF8.self))
        } else {
            print(sent.isEmpty ? "nothing to retry" : "sent back \(sent.count) job\(sent.count == 1 ? "" : "s"); `pressline status` shows their progress")
        }
        let skipped = ids.filter { !sent.contains($0) }
        if !skipped.isEmpty {
            printNote("not retried (not failed or dead, or unknown): \(skipped.joined(separator: " "))")
            throw ExitStatus.someFailed
        }
    }
}
