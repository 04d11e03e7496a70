// pressline-extract: extract-stage worker (people, roles, organizations, places, dates, quotes).
//
// Socket: DEALER connected to queue.work (or --queue). Receives WORK for stage
// "extract", sends RESULT/FAILED and heartbeats. SIGTERM: finish the job in
// hand, send it, exit 0.
import PresslineExtract
import PresslineWorker

WorkerMain.run(stageName: "extract") { _, _ in try ExtractStage() }
