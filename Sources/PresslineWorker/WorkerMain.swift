import Foundation
import Logging
import PresslineCore
import ZeroMQ
import PresslineRuntime

/// The shared body of every `pressline-<stage>` executable: parse flags, load the
/// pipeline file, build the stage, serve until SIGTERM, exit 0 after the drain.
public enum WorkerMain {
    /// Runs a worker for `stageName`; `makeStage` builds the stage from the pipeline and data directory.
    public static func run(stageName: StageName, makeStage: (PipelineConfig, ExecutableOptions) throws -> any Stage) -> Never {
        let about = """
            Runs one \(stageName) worker: connects to the queue's work endpoint (queue.work in FILE,
            default pipelines/default.toml, or --queue), processes jobs and sends the results back.
            SIGTERM or Ctrl-C drains: the jobs in hand are finished and sent, then it exits 0.
            Start as many as you like, on this machine or others.
            """
        LargeAllocations.reuseFreedMemory()
        PrivateFiles.restrictNewFiles()
        let options = ExecutableOptions.parseOrExit(about: about)
        let pipeline = options.loadPipeline()
        LogfmtHandler.bootstrap()
        let logger = Logger(label: "pressline-\(stageName)")
        let shutdown = ShutdownSignal.install()
        do {
            let stage = try makeStage(pipeline, options)
            let settings = pipeline.settings(for: stageName)
            let serverKey = try pipeline.queue.curvePublicKey.map(KeyFile.read)
            let clientKey = try pipeline.queue.curveClientKey.map { try CurveKeyPair(secretKey: KeyFile.read($0)) }
            let runtime = try WorkerRuntime(stage: stage, endpoint: options.queueEndpoint ?? pipeline.queue.work,
                                            concurrency: settings.concurrency, prefetch: settings.prefetch,
                                            serverKey: serverKey, clientKey: clientKey,
                                            pipelineID: pipeline.id(dataDirectory: options.dataDirectory), logger: logger)
            try runtime.run(until: shutdown)
            exit(0)
        } catch {
            logger.critical("worker stopped on an error", metadata: ["error": "\(error)"])
            exit(1)
        }
    }
}
