import Foundation
import Testing
@testable import PresslineFetch

/// Feeds written for these tests, one of each format.
@Suite("Feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1)")
struct FeedTests {
    static let base = URL(string: "https://news.example.org/feeds/")!

    @Test("RSS 2.0: each item's link and pubDate, relative links resolved, items without a link skipped")
    func rss() throws {
        let rss = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Example News</title>
            <link>https://news.example.org/</link>
            <item><title>Bridge opens</title><link>https://news.example.org/2026/12/bridge</link>
              <pubDate>Thu, 03 Dec 2026 09:39:21 GMT</pubDate></item>
            <item><title>Relative</title><link>/2026/11/old-story</link><dc:date>2026-11-02T08:00:00Z</dc:date></item>
            <item><title>No link, only a guid</title><guid isPermaLink="false">x-1</guid></item>
            <item><title><![CDATA[Ferry & port]]></title><link><![CDATA[https://news.example.org/ferry?id=3]]></link></item>
            </channel></rss>
            """
        let items = try Feed.items(in: Data(rss.utf8), base: Self.base)
        #expect(items.map(\.url) == ["https://news.example.org/2026/12/bridge", "https://news.example.org/2026/11/old-story",
                                     "https://news.example.org/ferry?id=3"])
        #expect(items[0].published == ISO8601DateFormatter().date(from: "2026-12-03T09:39:21Z"))
        #expect(items[1].published == ISO8601DateFormatter().date(from: "2026-11-02T08:00:00Z"))
        #expect(items[2].published == nil)
    }

    @Test("Atom 1.0: the alternate link (not the feed's own), published before updated")
    func atom() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title><link rel="self" href="https://news.example.org/atom"/>
            <entry><title>One</title><link rel="alternate" href="https://news.example.org/one"/><link rel="edit" href="https://x/edit"/>
              <published>2026-12-01T10:00:00+01:00</published><updated>2026-12-02T10:00:00Z</updated></entry>
            <entry><title>Two</title><link href="two"/><updated>2026-12-04T00:00:00Z</updated></entry>
            </feed>
            """
        let items = try Feed.items(in: Data(atom.utf8), base: Self.base)
        #expect(items.map(\.url) == ["https://news.example.org/one", "https://news.example.org/feeds/two"])
        #expect(items[0].published == ISO8601DateFormatter().date(from: "2026-12-01T09:00:00Z"))
        #expect(items[1].published == ISO8601DateFormatter().date(from: "2026-12-04T00:00:00Z"))
    }

    @Test("JSON Feed 1.1: url (or external_url) and date_published")
    func jsonFeed() throws {
        let json = #"{"version":"https://jsonfeed.org/version/1.1","title":"Ex","items":[{"id":"1","url":"https://news.example.org/a","date_published":"2026-12-05T08:00:00Z"},{"id":"2","external_url":"https://other.example/b"},{"id":"3"}]}"#
        let items = try Feed.items(in: Data(json.utf8))
        #expect(items.map(\.url) == ["https://news.example.org/a", "https://other.example/b"])
        #expect(items[0].published != nil && items[1].published == nil)
    }

    @Test("what is no feed says what it is instead", arguments: [
        ("<html><body>a page</body></html>", "not RSS or Atom"),
        ("<rss><channel><item><link>https://x/a</lnk></item></channel></rss>", "broken"),
        (#"{"title":"no items"}"#, "not a JSON Feed"),
    ])
    func notAFeed(text: String, words: String) {
        #expect { try Feed.items(in: Data(text.utf8)) } throws: { "\($0)".contains(words) }
    }
}
