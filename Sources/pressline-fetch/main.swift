// pressline-fetch: fetch-stage worker.
//
// Socket: DEALER connected to queue.work (or --queue). Receives WORK for stage
// "fetch", sends RESULT/FAILED and heartbeats. `stages.fetch.concurrency`
// requests run at once. SIGTERM: finish requests in hand, send them, exit 0.
// It reaches public addresses only and reads no file:// URL unless the pipeline
// file opens them (stages.fetch.allow_networks, stages.fetch.file_roots).
import PresslineFetch
import PresslineWorker

WorkerMain.run(stageName: "fetch") { pipeline, _ in
    FetchStage(limits: FetchLimits(timeout: pipeline.number("fetch.timeout_seconds", default: 20),
                                   maxBytes: Int(pipeline.number("fetch.max_bytes", default: Double(32 << 20)))),
               addresses: try AddressPolicy(allowing: try pipeline.strings("fetch.allow_networks")),
               fileRoots: FileRoots(try pipeline.strings("fetch.file_roots")),
               userAgent: pipeline.string("fetch.user_agent") ?? FetchStage.defaultUserAgent)
}
