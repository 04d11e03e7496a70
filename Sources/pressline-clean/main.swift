// pressline-clean: clean-stage worker (HTML or text → article and metadata).
//
// Socket: DEALER connected to queue.work (or --queue). Receives WORK for stage
// "clean", sends RESULT/FAILED and heartbeats. SIGTERM: finish the job in hand,
// send it, exit 0. `passthrough = true` under [stages.clean] measures the pipeline alone.
import PresslineClean
import PresslineCore
import PresslineWorker

WorkerMain.run(stageName: "clean") { pipeline, _ in
    pipeline.flag("clean.passthrough") ? PassThroughStage(name: "clean") as any Stage : CleanStage()
}
