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

    @Test("an h1 that is the site part of <title> is a logo, not the title; a long h1 there is still the headline")
    func logoNamedInTitle() throws {
        let logo = try metadata("<title>Building a UI pipeline in JUCE | Playful Tones</title>", #"<h1 class="logo"><a href="/">Playful Tones</a></h1>"#)
        #expect(logo.title == "Building a UI pipeline in JUCE")
        let long = try metadata("<title>HealthFocus SA - Six steps you can take to lose weight</title>", "<h1>Six steps you can take to lose weight</h1>")
        #expect(long.title == "Six steps you can take to lose weight")
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

    @Test("an 'updated' date never outranks a publication date; a comment date or a copyright year is never one")
    func notPublication() throws {
        let both = #"<h1>Harbor bridge reopens</h1><p class="updated">Updated <time datetime="2025-05-02">May 2, 2025</time></p>"#
        #expect(try metadata(#"<meta property="article:published_time" content="2025-03-01T08:00:00Z">"#, both).published == "2025-03-01")
        // Shown alone, the update is the only date readers see (the benchmark's gold follows it too).
        #expect(try metadata("", both).published == "2025-05-02")
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

    @Test("a note saying when the article was originally published beats the republished date in the markup")
    func originallyPublished() throws {
        let note = "<p>This article was originally published on 26 Sep 2019 at 4:12pm but has been updated.</p>"
        #expect(try metadata(#"<meta property="article:published_time" content="2022-09-30">"#, note).published == "2019-09-26")
        // Not when the phrase names another outlet, nor inside a long paragraph of prose.
        let outlet = "<p>This article was originally published on The Conversation. Read the original article.</p>"
        #expect(try metadata(#"<meta property="article:published_time" content="2022-09-30">"#, outlet).published == "2022-09-30")
        let prose = "<p>" + String(repeating: "The council debated the plan at length. ", count: 5) + "It was originally published on March 3, 2001 as a pamphlet.</p>"
        #expect(try metadata("", prose).published == nil)
    }

    @Test("meta tags named published or published-date give the date; published-time of a re-render does not outrank them")
    func publishedMetaNames() throws {
        #expect(try metadata(#"<meta name="published" content="July 17, 2025">"#).published == "2025-07-17")
        #expect(try metadata(#"<meta name="published-time" content="2026-03-09T08:45:32Z"><meta name="published-date" content="2021-02-16">"#).published == "2021-02-16")
    }

    @Test("a dateline whose element or label says comment is not the publication date")
    func commentDateline() throws {
        let comment = #"<div><strong><a href="/u/ann">ann</a></strong> commented <a class="js-timestamp" id="comment-5"><relative-time>Dec 19, 2025</relative-time></a></div>"#
        #expect(try metadata("", comment).published == nil)
        // The label is too far up to read (a long header around it), but the element's id says comment.
        let header = #"<div><span>ann (she/her), maintainer of the harbour-data project since 2019, top contributor</span> <a class="js-timestamp" id="comment-5">Dec 19, 2025</a></div>"#
        #expect(try metadata("", header).published == nil)
    }

    static let longParagraph = "<p>" + String(repeating: "The council met on Tuesday evening to debate the budget for the coming year. ", count: 3) + "</p>"

    @Test("a date shown on its own by the headline gives the date, whatever its class names; a label in a sibling counts")
    func nearHeadline() throws {
        #expect(try metadata("", "<h1>Bridge reopens</h1><div class=\"x1\"><span>December 18, 2025</span> · 3 min read</div>").published == "2025-12-18")
        #expect(try metadata("", "<h1>Bridge reopens</h1><ul><li><span>2/24/2026</span></li></ul>").published == "2026-02-24")
        #expect(try metadata("", "<h1>Bridge reopens</h1><fieldset><legend>Week 2</legend>20 December 2025<div>x</div></fieldset>").published == "2025-12-20")
        #expect(try metadata("", "<h3>Backup</h3><h1>Bridge reopens</h1><td>January 22nd, 2019</td>").published == "2019-01-22")
        // The label sits in a sibling: an update, which yields to the markup's publication date.
        let labelled = "<h1>Bridge reopens</h1><div><div>Last updated:</div><div>Feb 4, 2025</div></div>"
        #expect(try metadata(#"<meta property="article:published_time" content="2024-11-02">"#, labelled).published == "2024-11-02")
        // A wrapper's run-together text is not read: the published <time> is.
        let wrapped = #"<h1>Bridge reopens</h1><span class="posted-on"><time class="published">July 30, 2019</time><time class="updated">January 18, 2023</time></span>"#
        #expect(try metadata("", wrapped).published == "2019-07-30")
    }

    @Test("dates below the body's start, of teasers and comments, are not taken from beside the headline")
    func nearHeadlineMustNotFire() throws {
        let page = "<h1>Bridge reopens</h1>\(Self.longParagraph)\(Self.longParagraph)<ul class=\"more\"><li><span>March 3, 2025</span></li></ul>"
        #expect(try metadata("", page).published == nil)
        #expect(try metadata("", "<h1>Bridge reopens</h1><span>© 2025 Harbor Times</span>").published == nil)
        #expect(try metadata("", "<h1>Bridge reopens</h1><span>Reply · May 2, 2025</span>").published == nil)
        #expect(try metadata("", "<h1>Bridge reopens</h1><p>DATE: 2025-12-12 - 2025-12-17</p>").published == nil)
        #expect(try metadata("", "<h1>Bridge reopens</h1><div>Last active <span>December 20, 2025</span></div>").published == nil)
    }

    @Test("numeric dates: month first unless it cannot be, day first with dots")
    func numericDates() {
        #expect(DateText.numericDate("2/24/2026") == "2026-02-24")
        #expect(DateText.numericDate("24/2/2026") == "2026-02-24")
        #expect(DateText.numericDate("03.04.2025") == "2025-04-03")
        #expect(DateText.numericDate("3/4") == nil && DateText.numericDate("version 2/24/2026") == nil)
    }

    @Test("a 'By' line next to the headline names the author, whatever its classes; a label may sit in a sibling")
    func bylineNearHeadline() throws {
        #expect(try metadata("", "<h1>Bridge reopens</h1><div class=\"my-meta\"><span><a href=\"/search?q=x\">by Meaghan Weeden</a></span></div>").authors == ["Meaghan Weeden"])
        #expect(try metadata("", "<h1>Bridge reopens</h1><div class=\"info\"><span>Written by:</span><span>Elise Nass</span></div>").authors == ["Elise Nass"])
        // Sibling elements are read apart, not run together ("Jane DoeEditor"), and the title is left out.
        #expect(try metadata("", #"<div class="author-name"><span>Jane Doe</span><span>Senior Editor</span></div>"#).authors == ["Jane Doe"])
    }

    @Test("'By' in a text node of its own: the name is the next piece, whatever the line goes on to say")
    func leadInPieces() throws {
        let digital = #"<h1>Selecting motors</h1><p>By <a href="/contributor/aj">A. J. Neal</a>&nbsp;&nbsp;<a href="/pdf">View In Digital Edition</a></p>"#
        #expect(try metadata("", digital).authors == ["A. J. Neal"])
        let slashdot = #"<h1>Grads find no jobs</h1><span class="story-byline">Posted by <a href="/u/1">BeauHD</a> <time>on Friday December 19, 2025 @08:00PM</time> from the <span>skewed-job-market</span> dept.</span>"#
        #expect(try metadata("", slashdot).authors == ["BeauHD"])
        let joined = #"<h1>Trends</h1><div>Written by <span>Ann Lee</span>, <span>Bo Chen</span> and <span>Cy Diaz</span></div>"#
        #expect(try metadata("", joined).authors == ["Ann Lee", "Bo Chen", "Cy Diaz"])
        // A label alone is nobody; "By" before words that are not a name gives none.
        #expect(try metadata("", "<h1>Trends</h1><div><span>Written by</span></div>").authors.isEmpty)
        #expect(try metadata("", "<h1>Trends</h1><p>By <b>the numbers</b>: what changed in 2025</p>").authors.isEmpty)
    }

    @Test("a 'By' line beside the headline outranks the markup's author (an editor, the first of several)")
    func shownBylineWins() throws {
        let ld = #"<script type="application/ld+json">{"@type":"Article","author":{"name":"Ann Lee"}}</script>"#
        #expect(try metadata(ld, "<h1>Trends</h1><div>Written by <span>Ann Lee</span>, <span>Bo Chen</span></div>").authors == ["Ann Lee", "Bo Chen"])
        let editor = #"<meta name="author" content="Josh Katz">"#
        #expect(try metadata(editor, #"<h1>Trends</h1><h3>By <a href="/cp/">Charles Patterson</a>, <span>Columnist</span></h3>"#).authors == ["Charles Patterson"])
        // Without a shown byline, the markup's author stands.
        #expect(try metadata(editor, "<h1>Trends</h1>").authors == ["Josh Katz"])
    }

    @Test("bylines must not fire on prose, navigation labels or team pages")
    func bylineMustNotFire() throws {
        #expect(try metadata("", "<h1>Bridge reopens</h1><p>by the time the council met, the vote was done.</p>").authors.isEmpty)
        #expect(try metadata("", #"<h1>Bridge reopens</h1><a rel="author" href="/staff/">Staff Directory</a>"#).authors.isEmpty)
        #expect(try metadata("", #"<a class="author-link" href="/author/x">View full profile</a>"#).authors.isEmpty)
    }

    @Test("titles: a <br> in the h1 is a space; capitals yield to a cased source with nearly the same words")
    func headingForms() throws {
        let broken = try metadata("<title>Weekend Coding Agent | Labs</title>", "<h1>WEEKEND<br>CODING<br><span>AGENT</span></h1>")
        #expect(broken.title == "Weekend Coding Agent")
        let caps = try metadata("<title>Best Drip Coffee Maker 2026: Buying Tips From Coffee Pros</title>", "<h1>BEST DRIP COFFEE MAKER IN 2026: BUYING TIPS FROM COFFEE PROS</h1>")
        #expect(caps.title == "Best Drip Coffee Maker 2026: Buying Tips From Coffee Pros")
    }

    @Test("titles: a count or year the h1 drops is kept when every other source has it; never a site name")
    func fullerHeadline() throws {
        let head = #"<title>8 Recent Trends in Photography - Lens Co</title><meta property="og:title" content="8 Recent Trends in Photography - Lens Co"><meta property="og:site_name" content="Lens Co">"#
        #expect(try metadata(head, "<h1>Recent Trends in Photography</h1>").title == "8 Recent Trends in Photography")
        // Must not fire: the extra words are a section behind a separator.
        let section = #"<title>Recent Trends in Photography | Guides | Lens Co</title><meta property="og:title" content="Recent Trends in Photography | Guides | Lens Co">"#
        #expect(try metadata(section, "<h1>Recent Trends in Photography</h1>").title == "Recent Trends in Photography")
    }

    @Test("titles: a JSON-LD headline cut short is finished by <title>, but not extended by a tagline")
    func truncatedHeadline() throws {
        let cut = #"<title>We Help 4 Readers Find Solutions (Including One Universal Trick) - Emily Home</title><script type="application/ld+json">{"@type":"Article","headline":"We Help 4 Readers Find Solutions (Including"}</script>"#
        #expect(try metadata(cut).title == "We Help 4 Readers Find Solutions (Including One Universal Trick)")
        let tagline = #"<title>MBA Rankings: Full Programs - MBA Admissions Consulting | Clear</title><script type="application/ld+json">{"@type":"Article","headline":"MBA Rankings: Full Programs"}</script>"#
        #expect(try metadata(tagline).title == "MBA Rankings: Full Programs")
    }

    @Test("mojibake (UTF-8 read as Latin-1 or Windows-1252) is undone; real euro signs and accents are not touched")
    func mojibake() {
        #expect(TextNormalizer.collapseSpaces("A DIY Investor\u{E2}\u{80}\u{99}s Guide") == "A DIY Investor’s Guide")
        #expect(TextNormalizer.collapseSpaces("Investorâ€™s Guide") == "Investor’s Guide")
        #expect(TextNormalizer.collapseSpaces("5 € in the café") == "5 € in the café")
        #expect(TextNormalizer.collapseSpaces("Crème brûlée for €4") == "Crème brûlée for €4")
    }

    @Test("a name in the date's own box is the byline; a heading or a form label there is not")
    func nameBesideDate() throws {
        #expect(try metadata("", "<div class=\"box\"><span>Dec 17, 2025</span><span>Julian K. Arni</span></div><h1>Hardware-attested builds</h1>").authors == ["Julian K. Arni"])
        #expect(try metadata("", "<h1>Bridge reopens</h1><div><span>Dec 17, 2025</span><span>Your Name</span><span>8 min read</span></div>").authors.isEmpty)
        #expect(try metadata("", "<h1>Bridge reopens</h1><div><span>Dec 17, 2025</span><span>O’Malley Tunstall PLLC</span></div>").authors.isEmpty)
    }

    @Test("organisations are authors only when no person is named; other articles' teasers do not lend theirs")
    func organisationsAndTeasers() throws {
        let both = #"<script type="application/ld+json">{"@type":"Article","author":[{"name":"Sergio Martínez-Beltrán"},{"name":"The Texas Newsroom"}]}</script>"#
        #expect(try metadata(both).authors == ["Sergio Martínez-Beltrán"])
        let only = #"<script type="application/ld+json">{"@type":"Article","author":{"name":"The Texas Newsroom"}}</script>"#
        #expect(try metadata(only).authors == ["The Texas Newsroom"])
        let teasers = #"<article><h1>Bridge reopens</h1><span itemprop="author">Jeffrey Zeldman</span></article><article><span itemprop="author">Gerry Duffy</span></article>"#
        #expect(try metadata("", teasers).authors == ["Jeffrey Zeldman"])
    }

    @Test("an avatar whose alt text is the name shown beside it, or a person icon before a name, gives the byline")
    func avatarsAndIcons() throws {
        #expect(try metadata("", #"<h1>Bridge reopens</h1><div class="meta"><img src="a.jpg" alt="Tim Enwall"><span>Tim Enwall</span></div>"#).authors == ["Tim Enwall"])
        #expect(try metadata("", #"<h1>Bridge reopens</h1><ul><li><i class="bi bi-person"></i> Bence Kovács</li></ul>"#).authors == ["Bence Kovács"])
        // Must not fire: a photo's alt text that is not shown as a name, or an icon beside a category.
        #expect(try metadata("", #"<h1>Bridge reopens</h1><div><img src="a.jpg" alt="Harbor Bridge"><span>Photo: city archive</span></div>"#).authors.isEmpty)
        #expect(try metadata("", #"<h1>Bridge reopens</h1><ul><li><i class="icon-folder"></i> City News</li></ul>"#).authors.isEmpty)
    }

    @Test("an author box heading or line 'Written by …' after the article names the author; 'written by hand' does not")
    func authorBoxHeading() throws {
        #expect(try metadata("", "<h1>Bridge reopens</h1>\(Self.longParagraph)\(Self.longParagraph)<h3>Written by Cassidy Horton</h3>").authors == ["Cassidy Horton"])
        #expect(try metadata("", "<h1>Bridge reopens</h1>\(Self.longParagraph)\(Self.longParagraph)<p>Written by John Crenshaw</p>").authors == ["John Crenshaw"])
        #expect(try metadata("", "<h1>Bridge reopens</h1>\(Self.longParagraph)<h3>written by hand, in ink</h3>").authors.isEmpty)
    }
}

@Suite("Title site suffix")
struct SiteSuffixTests {
    /// Results as Foundation's `components(separatedBy:)` gives them, which treats the Greek ano teleia
    /// (U+0387) as the middle dot it is canonically equal to.
    @Test("the site part goes where Foundation's split finds a separator, equivalent spellings included", arguments: [
        ("Bridge reopens after repairs | The Ledger", "The Ledger", "Bridge reopens after repairs"),
        ("The Ledger — Bridge reopens", nil, "Bridge reopens"),
        ("Bridge · Ledger", "Ledger", "Bridge"),
        ("Bridge \u{0387} Ledger", "Ledger", "Bridge"),
        ("No separator here", "Ledger", "No separator here"),
        ("Café – crème | Le Monde", "le monde", "Café – crème"),
        ("a - b - longest part", nil, "longest part"),
    ])
    func suffix(_ title: String, site: String?, expected: String) {
        #expect(TitleChoice.stripSiteSuffix(title, site: site) == expected)
    }
}
