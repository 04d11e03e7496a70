import Foundation
import Testing
@testable import PresslineFetch

@Suite("Sitemaps (sitemaps.org 0.9, Google News)")
struct SitemapTests {
    @Test("a urlset's pages with the news publication date, else lastmod; an index's child sitemaps")
    func urlsetAndIndex() throws {
        let urlset = try Sitemap(Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url><loc>https://news.example.org/a</loc><lastmod>2026-12-04</lastmod>
                <news:news><news:publication><news:name>Ex</news:name><news:language>en</news:language></news:publication>
                <news:publication_date>2026-12-03T08:00:00Z</news:publication_date><news:title>A</news:title></news:news></url>
              <url><loc>https://news.example.org/b</loc><lastmod>2026-11-01T00:00:00+00:00</lastmod></url>
              <url><loc>https://news.example.org/c</loc></url>
            </urlset>
            """.utf8))
        #expect(urlset.pages.map(\.url) == ["https://news.example.org/a", "https://news.example.org/b", "https://news.example.org/c"])
        #expect(urlset.pages[0].published == ISO8601DateFormatter().date(from: "2026-12-03T08:00:00Z"), "the news date, not lastmod")
        #expect(urlset.pages[1].published == ISO8601DateFormatter().date(from: "2026-11-01T00:00:00Z") && urlset.pages[2].published == nil)
        #expect(urlset.children.isEmpty)

        let index = try Sitemap(Data("""
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://news.example.org/sitemap-1.xml</loc><lastmod>2026-12-01</lastmod></sitemap>
              <sitemap><loc>https://news.example.org/sitemap-2.xml</loc></sitemap>
            </sitemapindex>
            """.utf8))
        #expect(index.children == ["https://news.example.org/sitemap-1.xml", "https://news.example.org/sitemap-2.xml"] && index.pages.isEmpty)
    }

    @Test("an RSS feed or a page is no sitemap")
    func notASitemap() {
        #expect { try Sitemap(Data("<rss><channel></channel></rss>".utf8)) } throws: { "\($0)".contains("not a sitemap") }
        #expect { try Sitemap(Data("just text".utf8)) } throws: { "\($0)".contains("no sitemap") }
    }
}
