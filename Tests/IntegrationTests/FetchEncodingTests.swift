import Foundation
import PresslineTesting
import Testing

/// How pages arrive: every content coding a server may use comes out as the same page, and a pipeline file's
/// proxy carries every request (issue 17's hardened HTTP).
@Suite("Content codings and proxies (real processes on loopback)", .serialized)
struct FetchEncodingTests {
    @Test("a page sent gzip, deflate or brotli coded is stored as the page itself")
    func codings() throws {
        let harness = try PipelineHarness(extra: "")
        defer { harness.stopAll() }
        try harness.startPipeline()
        let server = try LocalHTTPServer(files: ["tram.html": ArticlePage.html(title: "Tram line opens on the harbour front")])
        let urls = ["gzip", "deflate", "br"].map { server.url("__encoded/tram.html?as=\($0)") }
        let push = try harness.cli(["push", "--wait", "--wait-timeout", "60"] + urls)
        #expect(push.status == 0, "\(push.stdout)\n\(push.stderr)")
        let stored = harness.storedArticles()
        #expect(stored.count == 3, "\(stored)")
        for article in stored {
            #expect(article["title"] as? String == "Tram line opens on the harbour front", "\(article)")
        }
    }

    @Test("stages.fetch.proxy: robots.txt and the page are asked through the proxy's tunnel to their host")
    func proxy() throws {
        let proxy = try LocalHTTPServer(files: ["ferry.html": ArticlePage.html(title: "Night ferry returns")])
        // Nothing listens at the page's own address: only the proxy can answer for it.
        let port = try FreePort.find()
        let target = "http://127.0.0.93:\(port)/ferry.html"
        let harness = try PipelineHarness(extra: "", fetch: "proxy = \"http://127.0.0.1:\(proxy.port)\"\n")
        defer { harness.stopAll() }
        try harness.startPipeline()
        let push = try harness.cli(["push", "--wait", "--wait-timeout", "60", target])
        #expect(push.status == 0, "\(push.stdout)\n\(push.stderr)")
        #expect(harness.storedArticles().map { $0["title"] as? String } == ["Night ferry returns"])
        #expect(proxy.requests.contains("CONNECT 127.0.0.93:\(port)"), "\(proxy.requests)")
        #expect(proxy.requests.contains("/ferry.html") && proxy.requests.contains("/robots.txt"), "\(proxy.requests)")
    }

    @Test("a proxy that is not a URL stops the fetch stage with what to write instead")
    func badProxy() throws {
        let harness = try PipelineHarness(extra: "", fetch: "proxy = \"proxy.example.org 3128\"\n")
        defer { harness.stopAll() }
        let fetch = try harness.start("fetch")
        let exited = harness.waitUntil(timeout: 20) { !fetch.isRunning }
        #expect(exited, "the fetch stage ran with a proxy it cannot use")
        let log = try String(contentsOf: harness.directory.appendingPathComponent("fetch.log"), encoding: .utf8)
        #expect(log.contains("http://HOST:PORT"), "\(log)")
    }
}
