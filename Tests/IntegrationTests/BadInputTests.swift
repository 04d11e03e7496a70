import Foundation
import PresslineTesting
import Testing

/// What a hostile or broken web does to a crawl: every such URL ends in `pressline query failed` with a reason
/// that says what happened, and nothing hangs (issue 17).
@Suite("Bad input from the web (real processes on loopback)", .serialized)
struct BadInputTests {
    @Test("unreachable, unresolvable, TLS on a plain port, 60 MB, a bomb, a redirect loop, binary: each failed with its reason")
    func badServers() throws {
        let harness = try PipelineHarness(extra: "")
        defer { harness.stopAll() }
        try harness.startPipeline()
        let server = try LocalHTTPServer(files: [:])
        let closed = try FreePort.find()
        let cases: [(url: String, words: [String])] = [
            ("http://127.0.0.1:\(closed)/gone.html", ["failed", "127.0.0.1"]),
            ("http://no-such-host.invalid/page.html", ["no-such-host.invalid"]),
            ("https://127.0.0.1:\(server.port)/tls.html", ["fail"]),
            (server.url("__large"), ["larger than"]),
            (server.url("__gzipbomb"), ["larger than"]),
            (server.url("__redirect?to=" + server.url("__redirect?to=" + server.url("__redirect")).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!), ["redirect"]),
            (server.url("__binary"), ["binary"]),
        ]
        let started = Date()
        let push = try harness.cli(["push", "--wait", "--wait-timeout", "120"] + cases.map(\.url))
        #expect(push.status == 1, "\(push.stdout)\n\(push.stderr)")
        #expect(Date().timeIntervalSince(started) < 100, "a bad server held the crawl")
        let failed = try harness.json(["query", "failed", "--db", harness.databasePath, "--format", "json"]) as? [[String: Any]] ?? []
        for (url, words) in cases {
            let row = failed.first { ($0["name"] as? String) == url }
            let error = (row?["error"] as? String ?? "").lowercased()
            #expect(row != nil && words.allSatisfy { error.contains($0.lowercased()) }, "\(url): \(row ?? [:])")
        }
    }
}
