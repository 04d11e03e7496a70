import Foundation
import PresslineTesting
import Testing

/// Politeness per host, checked from the servers' own logs (issue 17).
@Suite("Politeness per host (real processes on loopback)", .serialized)
struct PolitenessTests {
    @Test("8 hosts × 6 pages through 2 fetch processes: never two requests of a host at once, never closer than its delay")
    func perHost() throws {
        let delay = 0.3
        let harness = try PipelineHarness(fetch: "per_host_delay = \(delay)")
        defer { harness.stopAll() }
        try harness.startPipeline()
        try harness.start("fetch", as: "fetch-2")
        let pages = (0..<6).map { "story-\($0).html" }
        let servers = try (2...9).map { host in
            try LocalHTTPServer(files: Dictionary(uniqueKeysWithValues: pages.map { ($0, ArticlePage.html(title: "Story \($0) of host \(host) on the harbour")) }),
                                address: "127.0.0.\(host)")
        }
        let urls = servers.flatMap { server in pages.map { server.url($0) } }
        let started = Date()
        let push = try harness.cli(["push", "--wait"] + urls)
        #expect(push.status == 0, "\(push.stderr)")
        let seconds = Date().timeIntervalSince(started)

        for server in servers {
            // robots.txt is asked in the same job as the first page it rules, as crawlers do: pages only.
            let fetches = server.timeline.filter { $0.path != "/robots.txt" }.sorted { $0.start < $1.start }
            #expect(fetches.count == pages.count, "\(server.address): \(fetches.map(\.path))")
            for (earlier, later) in zip(fetches, fetches.dropFirst()) {
                #expect(later.start >= earlier.end, "\(server.address): two requests at once")
                #expect(later.start - earlier.end >= delay - 0.01, "\(server.address): \(later.start - earlier.end) s between two requests")
            }
        }
        // Hosts are served side by side: far less than 48 fetches one after another with their rests.
        #expect(seconds < Double(urls.count) * delay, "\(seconds) s")
    }

    @Test("a 429 with Retry-After: 2 rests that host 2 s while another host goes on; the refused page is fetched after")
    func retryAfter() throws {
        let harness = try PipelineHarness(fetch: "per_host_delay = 0.05")
        defer { harness.stopAll() }
        try harness.startPipeline()
        let page = { (name: String) in ArticlePage.html(title: "The story called \(name) from the harbour desk") }
        let busy = try LocalHTTPServer(files: Dictionary(uniqueKeysWithValues: (0..<4).map { ("a\($0).html", page("a\($0)")) }), address: "127.0.0.10")
        let calm = try LocalHTTPServer(files: Dictionary(uniqueKeysWithValues: (0..<12).map { ("b\($0).html", page("b\($0)")) }), address: "127.0.0.11")
        let urls = [busy.url("__busy/a0.html?after=2")] + (1..<4).map { busy.url("a\($0).html") } + (0..<12).map { calm.url("b\($0).html") }
        let push = try harness.cli(["push", "--wait"] + urls)
        #expect(push.status == 0, "\(push.stderr)")

        let refused = try #require(busy.timeline.first { $0.path.hasPrefix("/__busy/") })
        let after = busy.timeline.filter { $0.path != "/robots.txt" && $0.start > refused.start }
        #expect(after.count == 4, "\(busy.timeline.map(\.path))")
        #expect(after.allSatisfy { $0.start >= refused.end + 2 - 0.01 }, "asked again \(after.map { $0.start - refused.end }) s after the 429")
        let during = calm.timeline.filter { $0.start > refused.end && $0.start < refused.end + 2 }
        #expect(during.count >= 3, "the other host went on: \(during.count) requests in the 2 s rest")
    }

    @Test("robots.txt Crawl-delay spaces a host's requests, up to stages.fetch.max_crawl_delay")
    func crawlDelay() throws {
        let harness = try PipelineHarness(fetch: "max_crawl_delay = 1.5")
        defer { harness.stopAll() }
        try harness.startPipeline()
        let pages = (0..<3).map { "page-\($0).html" }
        func site(delay: Int, address: String) throws -> LocalHTTPServer {
            var files = Dictionary(uniqueKeysWithValues: pages.map { ($0, ArticlePage.html(title: "Page \($0) of a site that asks for \(delay) s")) })
            files["robots.txt"] = "User-agent: *\nCrawl-delay: \(delay)\n"
            return try LocalHTTPServer(files: files, address: address)
        }
        let slow = try site(delay: 1, address: "127.0.0.12"), capped = try site(delay: 100, address: "127.0.0.13")
        let push = try harness.cli(["push", "--wait"] + pages.map { slow.url($0) } + pages.map { capped.url($0) })
        #expect(push.status == 0, "\(push.stderr)")
        for (server, least, most) in [(slow, 1.0, 3.0), (capped, 1.5, 10.0)] {
            let fetches = server.timeline.filter { $0.path != "/robots.txt" }.sorted { $0.start < $1.start }
            #expect(fetches.count == pages.count)
            for (earlier, later) in zip(fetches, fetches.dropFirst()) {
                let gap = later.start - earlier.end
                #expect(gap >= least - 0.01 && gap < most, "\(server.address): \(gap) s between two requests")
            }
        }
    }
}
