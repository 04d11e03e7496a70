// pressline-clean: clean-stage worker (HTML or text → article and metadata).
//
// Socket: DEALER connected to queue.work (or --queue). Receives WORK for stage
// "clean", sends RESULT/FAILED and heartbeats. SIGTERM: finish the job in hand,
// send it, exit 0.
import PresslineClean
import PresslineWorker

WorkerMain.run(stageName: "clean") { _, _ in CleanStage() }
