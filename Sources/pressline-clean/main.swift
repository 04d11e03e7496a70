// pressline-clean: clean-stage worker (HTML or text → article and metadata, and the page's type).
//
// Socket: DEALER connected to queue.work (or --queue). Receives WORK for stage
// "clean", sends RESULT/FAILED and heartbeats. SIGTERM: finish the job in hand,
// send it, exit 0. `passthrough = true` under [stages.clean] measures the pipeline alone;
// `every_page_an_article = true` takes every page for an article (no page types).
import PresslineClean
import PresslineCore
import PresslineWorker

WorkerMain.run(stageName: .clean) { pipeline, _ in
    if pipeline.flag("clean.passthrough") { return PassThroughStage(name: .clean) }
    return try CleanStage(pageTypes: pipeline.flag("clean.every_page_an_article") ? nil : PageTypeModel.shipped.get())
}
