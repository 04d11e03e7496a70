// pressline-fetch: fetch-stage worker.
//
// Socket: DEALER connected to queue.work (or --queue). Receives WORK for stage
// "fetch", sends RESULT/FAILED and heartbeats. `stages.fetch.concurrency`
// requests run at once. SIGTERM: finish requests in hand, send them, exit 0.
import PresslineFetch
import PresslineWorker

WorkerMain.run(stageName: "fetch") { pipeline, _ in
    FetchStage(limits: FetchLimits(timeout: pipeline.number("fetch.timeout_seconds", default: 20),
                                   maxBytes: Int(pipeline.number("fetch.max_bytes", default: Double(32 << 20)))))
}
