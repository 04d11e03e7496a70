import Foundation
import Testing
@testable import PresslineFetch

@Suite("Feed discovery")
struct FeedDiscoveryTests {
    @Test("a home page's alternate feed links, resolved, each once; stylesheets, other types and other rels are not feeds")
    func alternates() {
        let html = """
            <html><head>
            <link rel="stylesheet" href="/site.css">
            <LINK REL="alternate" TYPE="application/rss+xml" title="News" href="/rss.xml">
            <link type='application/atom+xml' rel='alternate' href='https://cdn.example.org/atom.xml'/>
            <link rel=alternate type=application/feed+json href=feed.json>
            <link rel="alternate" hreflang="de" href="/de/">
            <link rel="alternate" type="application/rss+xml" href="/rss.xml">
            </head><body></body></html>
            """
        let feeds = FeedDiscovery.feeds(inPage: html, base: URL(string: "https://example.org/news/")!)
        #expect(feeds == ["https://example.org/rss.xml", "https://cdn.example.org/atom.xml", "https://example.org/news/feed.json"])
    }
}
