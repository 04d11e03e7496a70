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
}
