// pressline-fetch: fetch-stage worker.
//
// Socket: DEALER connected to queue.work (or --queue). Receives WORK for stage
// "fetch", sends RESULT/FAILED and heartbeats. `stages.fetch.concurrency`
// requests run at once. SIGTERM: finish requests in hand, send them, exit 0.
// It reaches public addresses only and reads no file:// URL unless the pipeline
// file opens them (stages.fetch.allow_networks, stages.fetch.file_roots).
// `warc_dir` (relative to the data directory) keeps every page fetch as WARC.
// `proxy` (else the https_proxy/http_proxy environment) is the HTTP proxy every request goes through.
import Foundation
import PresslineFetch
import PresslineWorker

WorkerMain.run(stageName: .fetch) { pipeline, options in
    let archive = try pipeline.string("fetch.warc_dir").map { directory in
        try WARCWriter(directory: directory.hasPrefix("/") ? directory : (options.dataDirectory as NSString).appendingPathComponent(directory),
                       maxFileBytes: Int(pipeline.number("fetch.warc_max_megabytes", default: 1024) * 1_048_576))
    }
    let noProxy = try pipeline.strings("fetch.no_proxy")
    let proxy = try pipeline.string("fetch.proxy").map { (proxy) throws(FetchRefusal) in try ProxySettings(proxy: proxy, noProxy: noProxy) }
        ?? .environment()
    return FetchStage(limits: FetchLimits(timeout: pipeline.number("fetch.timeout_seconds", default: 20),
                                          maxBytes: Int(pipeline.number("fetch.max_bytes", default: Double(32 << 20))),
                                          maxCrawlDelay: pipeline.number("fetch.max_crawl_delay", default: 30)),
                      addresses: try AddressPolicy(allowing: try pipeline.strings("fetch.allow_networks")),
                      fileRoots: FileRoots(try pipeline.strings("fetch.file_roots")),
                      userAgent: pipeline.string("fetch.user_agent") ?? FetchStage.defaultUserAgent,
                      proxy: proxy,
                      archive: archive)
}
