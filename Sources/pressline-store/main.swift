// pressline-store: the sink. Writes records to SQLite (DATA_DIR/articles.db,
// or stages.store.database) and answers DONE only after the commit.
//
// Socket: DEALER connected to queue.work (or --queue). Batches up to
// `stages.store.batch` jobs (default 64) per transaction; `stages.store.max_megabytes` caps
// the file (a full store or disk makes jobs wait, never dead-letters them). SIGTERM: commit the batch in
// hand, send DONE, exit 0.
import Foundation
import PresslineStore
import PresslineWorker

WorkerMain.run(stageName: "store") { pipeline, options in
    try FileManager.default.createDirectory(atPath: options.dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let megabytes = pipeline.number("store.max_megabytes", default: 0)
    let store = try ArticleStore(path: pipeline.databasePath(in: options.dataDirectory),
                                 maxBytes: megabytes > 0 ? Int(megabytes * 1_048_576) : nil)
    return StoreStage(store: store, batchLimit: Int(pipeline.number("store.batch", default: 64)))
}
