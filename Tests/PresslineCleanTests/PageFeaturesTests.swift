import Foundation
import Testing
@testable import PresslineClean

@Suite("Page features (what the page-type model reads of a page)")
struct PageFeaturesTests {
    func features(_ html: String, url: String?) throws -> [String: Double] {
        try #require(CleanStage.pageFeatures(html: html, url: url))
    }

    @Test("one walk counts tags, linked text, linked headings, prices, repeated blocks and microdata types")
    func structure() throws {
        let html = """
            <html><body>
            <h2><a href="/a">First <b>story</b></a></h2><h2>Plain heading</h2>
            <div class="card">One</div><div class="card">Two</div><div class="card">Three</div><div class="other">x</div>
            <p>Now $12, was 15 €; £3 or ¥ 9. Not prices: $ and € alone, “quoted”.</p>
            <div itemscope itemtype="https://schema.org/Product "><a href="/b">buy</a></div>
            <script>var price = "$99";</script>
            </body></html>
            """
        let values = try features(html, url: nil)
        #expect(values["count.links"] == PageFeatures.scaledLog(2))
        #expect(values["count.h2"] == PageFeatures.scaledLog(2))
        #expect(values["count.linkedHeadings"] == PageFeatures.scaledLog(1))
        #expect(values["count.prices"] == PageFeatures.scaledLog(4), "$12, 15 €, £3, ¥ 9; nothing from the script")
        #expect(values["blocks.mostRepeated"] == PageFeatures.scaledLog(3))
        #expect(values["blocks.topThreeRepeated"] == PageFeatures.scaledLog(4), "three cards and one other")
        #expect(values["md:Product"] == 1)
        let half = try features("<html><body><p>abcd</p><h3><a href='/x'>ef<i>gh</i></a></h3></body></html>", url: nil)
        #expect(half["share.links"] == 0.5 && half["count.linkedHeadings"] == PageFeatures.scaledLog(1))
    }

    @Test("the URL's shape: depth, a dated path, a headline slug, a page number, a query")
    func url() throws {
        let html = "<html><body><p>Text.</p></body></html>"
        let story = try features(html, url: "https://news.example/2024/05/the-mayor-resigns-after-vote?ref=home#top")
        #expect(story["url.dated"] == 1 && story["url.query"] == 1 && story["url.depth"] == 3.0 / 6)
        #expect(story["url.slugWords"] == PageFeatures.scaledLog(5) * 4)
        let inline = try features(html, url: "https://news.example/world/2024-05-17-storm")
        #expect(inline["url.dated"] == 1)
        let section = try features(html, url: "https://news.example/sport/page/2")
        #expect(section["url.dated"] == nil && section["url.numericEnd"] == 1 && section["url.query"] == nil)
        let file = try features(html, url: "https://news.example/caf%C3%A9/menu.html?")
        #expect(file["url.fileEnd"] == 1 && file["url.query"] == nil, "an empty query is none")
        #expect(try features(html, url: "https://news.example")["url.root"] == 1)
        #expect(try features(html, url: "https://news.example/2024/13/x")["url.dated"] == nil, "13 is no month")
    }

    @Test("the headline's and the <title>'s length in words: a story's runs to a sentence, a service page's name to a few words")
    func headlineLength() throws {
        let story = try features("<html><head><title>The mayor resigns after a vote of no confidence | City News</title></head><body><h1>The mayor resigns after a vote of no confidence</h1><p>Text.</p></body></html>", url: nil)
        #expect(story["meta.titleWords"] == log1p(9) / 3, "the site's name after the bar is not the headline's")
        #expect(story["meta.pageTitleWords"] == log1p(9) / 3)
        let service = try features("<html><head><title>Contact us - Smith &amp; Sons Plumbing</title><meta property=\"og:title\" content=\"Get in touch with our friendly team today\"></head><body><p>Text.</p></body></html>", url: nil)
        #expect(service["meta.pageTitleWords"] == log1p(2) / 3, "the <title> up to its first separator")
        #expect(service["meta.titleWords"] == log1p(8) / 3, "the title the metadata chose")
        let bare = try features("<html><body><p>Text.</p></body></html>", url: nil)
        #expect(bare["meta.titleWords"] == nil && bare["meta.pageTitleWords"] == nil, "no title, no length")
    }

    @Test("a date and a byline shown by the headline, apart from those only the markup carries")
    func bylineNearHeadline() throws {
        let story = try features("""
            <html><body><h1>The mayor resigns after a vote of no confidence</h1>
            <p>By Jane Smith</p><p>March 3, 2024</p>
            <p>The mayor resigned on Tuesday evening after the council voted against her, ending a term of six years.</p>
            </body></html>
            """, url: nil)
        #expect(story["meta.dateNearHeadline"] == 1 && story["meta.bylineNearHeadline"] == 1 && story["meta.date"] == 1)
        let updated = try features("<html><body><h1>Opening hours</h1><p>Updated March 3, 2024</p><p>We are open daily.</p></body></html>", url: nil)
        #expect(updated["meta.dateNearHeadline"] == 1, "an updated date shown is a date shown")
        let marked = try features("""
            <html><head><script type="application/ld+json">
            {"@type": "Article", "headline": "Our services", "datePublished": "2020-08-10", "author": {"@type": "Person", "name": "Jack Nicholson"}}
            </script></head><body><h1>Our services</h1><p>We teach drums, guitar and piano to pupils of every age.</p></body></html>
            """, url: nil)
        #expect(marked["meta.date"] == 1 && marked["meta.author"] == 1, "the markup dates the page and names its author")
        #expect(marked["meta.dateNearHeadline"] == nil && marked["meta.bylineNearHeadline"] == nil, "but the page shows neither")
    }
}
