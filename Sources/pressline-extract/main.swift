// pressline-extract: extract-stage worker (people, roles, organizations, places, dates, quotes).
//
// Socket: DEALER connected to queue.work (or --queue). Receives WORK for stage
// "extract", sends RESULT/FAILED and heartbeats. SIGTERM: finish the job in
// hand, send it, exit 0. `passthrough = true` under [stages.extract] measures the pipeline alone.
import PresslineExtract
import PresslineCore
import PresslineWorker

WorkerMain.run(stageName: "extract") { pipeline, _ in
    pipeline.flag("extract.passthrough") ? PassThroughStage(name: "extract") as any Stage : try ExtractStage()
}
