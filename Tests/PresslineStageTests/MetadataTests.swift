import Foundation
import Testing
@testable import PresslineClean
@testable import PresslineCore

@Suite("Page metadata")
struct MetadataTests {
    static let body = "<p>The council met on Tuesday evening to debate the budget for the coming year, and members spoke for hours.</p>"

    func metadata(_ head: String, _ bodyMarkup: String = "") throws -> PageMetadata {
        let html = "<html><head>\(head)</head><body>\(bodyMarkup)\(Self.body)</body></html>"
        let document = try #require(HTMLDocument(html: html))
        return PageMetadata(root: try #require(document.root))
    }

    @Test("the visible h1 wins over an SEO og:title when <title> agrees with it")
    func headingWins() throws {
        let meta = try metadata("<title>Harbor bridge to reopen in June | Ledger</title><meta property=\"og:title\" content=\"Bridge news: what commuters need to know\">",
                                "<article><h1>Harbor bridge to reopen in June</h1></article>")
        #expect(meta.title == "Harbor bridge to reopen in June")
    }

    @Test("a logo in an h1 that no other source supports is not the title")
    func logoHeading() throws {
        let meta = try metadata("<title>Rates rise again - Harbor Times</title>", "<h1>Harbor</h1>")
        #expect(meta.title == "Rates rise again")
    }

    @Test("an h1 loses a trailing known site name, and capitals give way to a cased source")
    func headingCleanup() throws {
        let suffixed = try metadata("<meta property=\"og:site_name\" content=\"Artlyst\"><title>Best exhibitions of 2025 - Artlyst</title>",
                                    "<h1>Best exhibitions of 2025 – Artlyst</h1>")
        #expect(suffixed.title == "Best exhibitions of 2025")
        let capitals = try metadata("<title>Best Drip Coffee Makers | Brew Lab</title>", "<h1>BEST DRIP COFFEE MAKERS</h1>")
        #expect(capitals.title == "Best Drip Coffee Makers")
    }

    @Test("entities in structured data are decoded")
    func entities() throws {
        let meta = try metadata(#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Cats &#038; dogs: it&#39;s complicated"}</script>"#)
        #expect(meta.title == "Cats & dogs: it's complicated")
    }

    @Test("bylines: itemprop and rel=author, without 'By', credentials or job titles")
    func bylines() throws {
        #expect(try metadata("", #"<span itemprop="author"><span itemprop="name">Jane Doe</span></span>"#).authors == ["Jane Doe"])
        #expect(try metadata("", #"<a rel="author" href="/a">By Sam O'Brien</a>"#).authors == ["Sam O'Brien"])
        #expect(AuthorNames.clean(["Benjamin Johnson, Sr. Director of Operations"], site: nil) == ["Benjamin Johnson"])
        #expect(AuthorNames.clean(["Rebecca Lake, CEPF®"], site: nil) == ["Rebecca Lake"])
        #expect(AuthorNames.clean(["Center for Drug Evaluation and Research"], site: nil) == ["Center for Drug Evaluation and Research"])
        #expect(AuthorNames.clean(["Ann Lee and Bo Chen"], site: nil) == ["Ann Lee", "Bo Chen"])
        #expect(AuthorNames.clean(["brandon-peaktwo"], site: nil).isEmpty)
    }

    @Test("a link to the author's page names the author; a list of many is not a byline")
    func authorLinks() throws {
        #expect(try metadata("", #"<div class="meta">Written by <a href="/authors/cazzy-magennis">Cazzy Magennis</a></div>"#).authors == ["Cazzy Magennis"])
        let many = (1...5).map { #"<a href="/author/p\#($0)">Person Number\#($0) Smith</a>"# }.joined()
        #expect(try metadata("", "<aside>\(many)</aside>").authors.isEmpty)
    }

    @Test("the publication date comes from JSON-LD datePublished, not dateModified")
    func jsonLDDate() throws {
        let meta = try metadata(#"<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2025-05-02","datePublished":"2025-03-01T09:00:00Z"}</script>"#)
        #expect(meta.published == "2025-03-01")
    }

    @Test("an 'updated' time, a comment date or a copyright year is not the publication date")
    func notPublication() throws {
        #expect(try metadata("", #"<p class="updated">Updated <time datetime="2025-05-02">May 2, 2025</time></p>"#).published == nil)
        #expect(try metadata("", #"<div class="comment-meta"><time datetime="2025-05-02">May 2</time></div>"#).published == nil)
        #expect(try metadata("", "<footer>© 2025 Harbor Times</footer>").published == nil)
        #expect(try metadata("", "").published == nil)
    }

    @Test("a visible dateline gives the date")
    func dateline() throws {
        #expect(try metadata("", #"<div class="post-date">Posted December 17, 2025</div>"#).published == "2025-12-17")
        #expect(DateText.visibleDate("17 March 2024") == "2024-03-17")
        #expect(DateText.visibleDate("no date here, 2024") == nil)
    }
}
