// pressline-queue: the durable job queue.
//
// Sockets: binds queue.submit (ROUTER; clients SUBMIT/STATUS/JOBS) and
// queue.work (ROUTER; stage workers READY/RESULT/DONE/FAILED/HEARTBEAT).
// Journal: DATA_DIR/queue.db (SQLite, WAL, synchronous=FULL), payloads in DATA_DIR/queue.db-payloads/.
// SIGTERM/SIGINT: stop reading, commit the journal batch, close, exit 0.
// Jobs in flight are replayed by the next start; none is lost.
import Foundation
import Logging
import PresslineCore
import PresslineQueue
import PresslineRuntime

let about = """
    Runs the Pressline queue for the pipeline in FILE (default pipelines/default.toml),
    keeping its journal in DIR/queue.db (default ./pressline-data).
    """
LargeAllocations.reuseFreedMemory()
PrivateFiles.restrictNewFiles()
let options = ExecutableOptions.parseOrExit(about: about)
var pipeline = options.loadPipeline()
if let endpoint = options.queueEndpoint { pipeline.queue.submit = endpoint }
LogfmtHandler.bootstrap()
let logger = Logger(label: "pressline-queue")
let shutdown = ShutdownSignal.install()
do {
    let server = try QueueServer(pipeline: pipeline, dataDirectory: options.dataDirectory, logger: logger)
    try server.run(until: shutdown)
} catch let error as QueueStartError {
    logger.critical("queue cannot start", metadata: ["error": "\(error)"])
    exit(QueueStartError.exitCode)
} catch {
    logger.critical("queue stopped on an error", metadata: ["error": "\(error)"])
    exit(1)
}
