import ArgumentParser
import Foundation
import PresslineCore
import PresslineWire
import PresslineJSON
import PresslineClient

/// `pressline status`: the queue's counters.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show queue depth, throughput, workers and failures per stage.",
        discussion: "  pressline status\n  pressline status --format json | jq .stages")

    @OptionGroup var queueOptions: QueueOptions

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() throws {
        let status: QueueStatus
        do {
            status = try queueOptions.client().status()
        } catch let failure as QueueClient.Failure {
            printError(failure.description)
            throw ExitStatus.unavailable
        }
        if format == .json {
            print(String(decoding: try JSON.prettyEncoder.encode(status), as: UTF8.self))
            return
        }
        print("jobs: \(status.pending) pending, \(status.active) in the pipeline, \(status.done) done, \(status.failed) failed, \(status.dead) dead"
              + (status.malformed > 0 ? "; \(status.malformed) malformed messages dropped" : ""))
        for alert in status.alerts { print("ALERT \(alert)") }
        try ReportWriter(format: .table).write(status.stages, columns: [
            ("stage", \.stage.rawValue), ("workers", { "\($0.workers)" }), ("waiting", { "\($0.waiting)" }),
            ("in flight", { "\($0.inFlight)" }), ("processed", { "\($0.processed)" }), ("failures", { "\($0.failures)" }),
            ("per second", { String(format: "%.1f", $0.rate) }),
        ])
    }
}
