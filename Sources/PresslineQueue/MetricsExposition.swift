import PresslineCore
import PresslineWire

/// Renders the queue's counters in the Prometheus text exposition format (version 0.0.4).
///
/// ```swift
/// let body = MetricsExposition.render(status)   // "pressline_jobs{state=\"done\"} 42\n…"
/// ```
enum MetricsExposition {
    static func render(_ status: QueueStatus) -> String {
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for sample in samples {
                let value = sample.value == sample.value.rounded() ? String(Int(sample.value)) : String(sample.value)
                lines.append("\(name)\(sample.labels.isEmpty ? "" : "{\(sample.labels)}") \(value)")
            }
        }
        let states: [(String, Int)] = [("pending", status.pending), ("active", status.active), ("done", status.done),
                                       ("failed", status.failed), ("dead", status.dead)]
        metric("pressline_jobs", "gauge", "Jobs in the journal by state.", states.map { ("state=\"\($0.0)\"", Double($0.1)) })
        let stages = status.stages
        metric("pressline_stage_waiting", "gauge", "Jobs waiting for a worker of the stage.", stages.map { ("stage=\"\($0.stage)\"", Double($0.waiting)) })
        metric("pressline_stage_in_flight", "gauge", "Jobs a worker of the stage holds.", stages.map { ("stage=\"\($0.stage)\"", Double($0.inFlight)) })
        metric("pressline_stage_workers", "gauge", "Workers of the stage alive.", stages.map { ("stage=\"\($0.stage)\"", Double($0.workers)) })
        metric("pressline_stage_processed_total", "counter", "Jobs the stage finished since the queue started.",
               stages.map { ("stage=\"\($0.stage)\"", Double($0.processed)) })
        metric("pressline_stage_failures_total", "counter", "Jobs the stage failed or lost (expired leases) since the queue started.",
               stages.map { ("stage=\"\($0.stage)\"", Double($0.failures)) })
        metric("pressline_stage_available", "gauge", "1 while the stage can work, 0 while its workers report it cannot (disk full).",
               stages.map { ("stage=\"\($0.stage)\"", $0.unavailable == nil ? 1 : 0) })
        metric("pressline_journal_writable", "gauge", "1 while the queue's journal can be written, 0 while commits fail (new articles are refused).",
               [("", status.journalError == nil ? 1 : 0)])
        metric("pressline_malformed_messages_total", "counter", "Messages dropped for breaking the protocol.", [("", Double(status.malformed))])
        metric("pressline_queue_uptime_seconds", "gauge", "Seconds since the queue started.", [("", status.uptime.rounded())])
        return lines.joined(separator: "\n") + "\n"
    }
}
