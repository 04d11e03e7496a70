// usage: http-clients urlsession|ahc CONCURRENCY URL...
// GETs every URL once, CONCURRENCY at a time, keeping each body (at most 32 MB, inflated), and prints one JSON
// line: pages, failures, seconds, CPU seconds and peak resident megabytes of this process.
import AsyncHTTPClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOCore
import Synchronization

let arguments = CommandLine.arguments
guard arguments.count > 3, let concurrency = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: http-clients urlsession|ahc CONCURRENCY URL...\n".utf8))
    exit(64)
}
let urls = Array(arguments[3...])
let limit = 32 << 20

/// URLSession as the fetch stage drives it: blocking calls from `concurrency` threads, one per request.
func crawlWithURLSession() -> Int {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = 4
    let session = URLSession(configuration: configuration)
    let failures = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: concurrency) { worker in
        for index in stride(from: worker, to: urls.count, by: concurrency) {
            let done = DispatchSemaphore(value: 0)
            session.dataTask(with: URL(string: urls[index])!) { data, response, error in
                if error != nil || (response as? HTTPURLResponse)?.statusCode != 200 || (data?.count ?? 0) > limit {
                    failures.withLock { $0 += 1 }
                }
                done.signal()
            }.resume()
            done.wait()
        }
    }
    return failures.withLock { $0 }
}

/// async-http-client on its shared event loops, `concurrency` requests at a time, bodies inflated by NIO.
func crawlWithAsyncHTTPClient() async -> Int {
    var configuration = HTTPClient.Configuration()
    configuration.decompression = .enabled(limit: .size(limit))
    configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 4)
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    var failures = 0
    await withTaskGroup(of: Bool.self) { group in
        var next = 0
        func add() {
            let url = urls[next]
            next += 1
            group.addTask {
                do {
                    let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(20))
                    _ = try await response.body.collect(upTo: limit)
                    return response.status == .ok
                } catch { return false }
            }
        }
        while next < min(concurrency, urls.count) { add() }
        for await ok in group {
            if !ok { failures += 1 }
            if next < urls.count { add() }
        }
    }
    try? await client.shutdown()
    return failures
}

let start = ContinuousClock.now
let failures = arguments[1] == "ahc" ? await crawlWithAsyncHTTPClient() : crawlWithURLSession()
let elapsed = ContinuousClock.now - start
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("{\"client\": \"\(arguments[1])\", \"pages\": \(urls.count - failures), \"failures\": \(failures), \"seconds\": \(seconds), "
      + "\"cpu\": \(cpu), \"peak_mb\": \(Double(usage.ru_maxrss) / 1024)}")
