import Foundation
import Synchronization
import PresslineTesting
import Testing
@testable import PresslineClean
@testable import PresslineCore

@Suite("Clean stage")
struct CleanStageTests {
    func clean(_ content: String, kind: Input.Kind = .html) throws -> ArticleRecord {
        guard case .next(let document) = try CleanStage(pageTypes: nil).process(Document(input: Input(kind: kind, content: content))) else {
            throw StageFailure.permanent("no document")
        }
        return try #require(document.record)
    }

    static let paragraph = "The council met on Tuesday evening to debate the budget for the coming year, and members spoke for hours."

    @Test("a never-closed <aside> or <nav> that swallows the page, or a hidden streamed body, is not dropped with the article")
    func swallowedArticle() throws {
        let prose = (1...6).map { "<p>\(Self.paragraph) Part \($0) of the report follows here.</p>" }.joined()
        let unclosed = try clean("<html><body><aside class=\"popup-newsletter\"><p>Join us</p><div class=\"entry\">\(prose)</div></body></html>")
        #expect(unclosed.text.contains("Part 6 of the report"))
        let navigation = try clean("<html><body><nav class=\"site-navigation\"><a href=\"/\">Home</a><div>\(prose)</div></body></html>")
        #expect(navigation.text.contains("Part 1 of the report"))
        let streamed = try clean("<html><body><div>Loading…</div><div hidden id=\"S:0\"><article>\(prose)</article></div></body></html>")
        #expect(streamed.text.contains("Part 3 of the report"))
        // Must not fire: a small aside or hidden block beside the article still goes.
        let beside = try clean("<html><body><article>\(prose)</article><aside class=\"newsletter\"><p>Subscribe to our newsletter for the best stories of the week, every week.</p></aside><div hidden><p>\(Self.paragraph) Hidden teaser.</p></div></body></html>")
        #expect(!beside.text.contains("Subscribe") && !beside.text.contains("Hidden teaser"))
    }

    @Test("pages parsed on several threads at once (each parse in its own arena) clean as they do one by one")
    func parallelParses() throws {
        let pages = (1...16).map { page in
            "<html><head><title>Story \(page)</title><script>var x = \"\(page)\";</script></head><body><nav><a href=\"/\">Home</a></nav>"
                + (1...(4 + page % 5)).map { "<p class=\"para-\(page)\">\(Self.paragraph) Page \(page), part \($0) — “quoted” &amp; more.</p>" }.joined()
                + "<div class=\"comments\"><p>\(String(repeating: "Reader comment. ", count: page * 40))</p></div></body></html>"
        }
        let oneByOne = try pages.map { try clean($0).text }
        let results = Mutex([String?](repeating: nil, count: pages.count * 4))
        DispatchQueue.concurrentPerform(iterations: pages.count * 4) { index in
            let text = try? clean(pages[index % pages.count]).text
            results.withLock { $0[index] = text }
        }
        for (index, text) in results.withLock({ $0 }).enumerated() {
            #expect(text == oneByOne[index % pages.count], "page \(index % pages.count)")
        }
    }

    @Test("a block hidden by its inline style is dropped, however the style is spaced or cased; a visible one stays")
    func hiddenByStyle() throws {
        let prose = (1...5).map { "<p>\(Self.paragraph) Part \($0).</p>" }.joined()
        for style in ["display:none", "DISPLAY : None;", "color: red;\tdisplay:\n none", "font-family: “Café”; display:\u{00A0}none"] {
            let record = try clean("<html><body><article>\(prose)<div style=\"\(style)\"><p>\(Self.paragraph) Secret teaser.</p></div></article></body></html>")
            #expect(!record.text.contains("Secret teaser"), "\(style)")
        }
        let visible = try clean("<html><body><article>\(prose)<p style=\"display: block\">\(Self.paragraph) Shown line.</p></article></body></html>")
        #expect(visible.text.contains("Shown line"))
    }

    @Test("upper-case tags and classes read as lower case: names are compared as libxml2 lowercases them")
    func upperCaseMarkup() throws {
        let prose = (1...3).map { "<P>\(Self.paragraph) Part \($0).</P>" }.joined()
        let record = try clean("<HTML><BODY><DIV CLASS=\"Share-Bar\"><A HREF=\"/\">Share on Facebook</A></DIV><ARTICLE><H1>Budget debate</H1>\(prose)<SCRIPT>var tracking = 1;</SCRIPT></ARTICLE></BODY></HTML>")
        #expect(record.title == "Budget debate")
        #expect(record.text.contains("Part 3."))
        #expect(!record.text.contains("tracking") && !record.text.contains("Facebook"))
    }

    @Test("text is NFC-composed: a decomposed é reads as the composed one; composed text passes unchanged")
    func composedText() throws {
        let decomposed = try clean("Cafe\u{0301} owners met the mayor on Tuesday to discuss rents, parking and the new market hall.", kind: .text)
        #expect(decomposed.text.unicodeScalars.contains("\u{00E9}") && !decomposed.text.unicodeScalars.contains("\u{0301}"))
        let composed = try clean("Café owners — “all of them” — met the mayor on Tuesday to discuss rents.", kind: .text)
        #expect(composed.text == "Café owners — “all of them” — met the mayor on Tuesday to discuss rents.")
    }

    @Test("of several <article>s side by side, the story is the one under the headline; teasers stay out")
    func storyAmongTeasers() throws {
        let main = (1...3).map { "<p>\(Self.paragraph) Main story part \($0).</p>" }.joined()
        let teaser = { (n: Int) in "<article class=\"postbox\">" + (1...4).map { "<p>\(Self.paragraph) Teaser \(n) line \($0).</p>" }.joined() + "</article>" }
        let page = "<html><body><div id=\"primary\"><article class=\"articlebox\"><h1>Harbor bridge reopens</h1>\(main)</article>\(teaser(1))\(teaser(2))\(teaser(3))</div></body></html>"
        let record = try clean(page)
        #expect(record.text.contains("Main story part 3"))
        #expect(!record.text.contains("Teaser"))
    }

    @Test("an article cut into same-class blocks between ads is read whole; a block of another class is not")
    func bodyChunks() throws {
        let chunk = { (n: Int) in "<div class=\"grid\"><div class=\"body__container\">" + (1...3).map { "<p>\(Self.paragraph) Chunk \(n) line \($0).</p>" }.joined() + "</div></div>" }
        let page = "<html><body><article><h1>Neo-banks</h1>\(chunk(1))<div class=\"ad\">Advertisement</div>\(chunk(2))<div class=\"grid\"><div class=\"more\"><p>\(Self.paragraph) Elsewhere on the site.</p></div></div>\(chunk(3))</article></body></html>"
        let record = try clean(page)
        for n in 1...3 { #expect(record.text.contains("Chunk \(n) line 3")) }
        #expect(!record.text.contains("Advertisement") && !record.text.contains("Elsewhere on the site"))
    }

    @Test("an article page keeps its body and drops navigation, share bars, teasers, newsletter boxes and comments")
    func sampleArticle() throws {
        let record = try clean(try SharedData.sample("harbor-bridge-vote.html"))
        #expect(record.title == "Council approves Harbor Bridge repairs after heated vote")
        #expect(record.site == "The Lakeside Ledger")
        #expect(record.authors == ["Priya Raman"])
        #expect(record.published == "2025-04-15")
        #expect(record.language == "en")
        #expect(record.text.hasPrefix("The Lakeside City Council voted 6-3 on Tuesday"))
        #expect(record.text.hasSuffix("Construction is expected to finish by October 2026."))
        #expect(record.text.contains("Opponents wanted a new span"))  // subheads stay, in order
        for junk in ["Share on Facebook", "Sign up", "Related", "Comments", "cookies", "Photo: Ledger staff", "All rights reserved", "Home"] {
            #expect(!record.text.contains(junk), "body still holds '\(junk)'")
        }
        #expect(record.id.hasPrefix("u-"))  // from the canonical URL
    }

    @Test("title suffix names the site when no metadata does")
    func titleSuffix() throws {
        let record = try clean("<html><head><title>Rates rise again - Harbor Times</title></head><body><h1>Rates rise again</h1><p>\(Self.paragraph)</p></body></html>")
        #expect(record.title == "Rates rise again")
        #expect(record.site == "Harbor Times")
    }

    @Test("a boilerplate hint does not remove the article body that carries an article hint")
    func articleHintWins() throws {
        let record = try clean("<html><body><div class=\"share-wrapper article-body\"><p>\(Self.paragraph)</p></div></body></html>")
        #expect(record.text == Self.paragraph)
    }

    @Test("link-heavy blocks are navigation, not prose")
    func linkDensity() throws {
        let links = "<p><a href=/a>One long link text about something else entirely</a> <a href=/b>Another long link text about more</a></p>"
        let record = try clean("<html><body><div><p>\(Self.paragraph)</p>\(links)</div></body></html>")
        #expect(record.text == Self.paragraph)
    }

    @Test("authors are cleaned: no 'By', no e-mail, no publisher, split on 'and'")
    func authors() {
        #expect(AuthorNames.clean(["By Ann Lee and Bo Chen", "news@example.com", "Daily Planet"], site: "Daily Planet") == ["Ann Lee", "Bo Chen"])
        // A person's own site: the name is the author when no one else is named; an organisation's is not.
        #expect(AuthorNames.clean(["Sam Bossley"], site: "Sam Bossley") == ["Sam Bossley"])
        #expect(AuthorNames.clean(["Riverside News Group"], site: "Riverside News Group") == [])
    }

    @Test("malformed markup still yields the text")
    func malformed() throws {
        let record = try clean("<html><body><div><p>\(Self.paragraph)<p>Second paragraph that was never closed but still counts as prose here.</div></span></body>")
        #expect(record.text.contains("never closed"))
    }

    @Test("empty pages, markup without prose and binary bytes fail as 'not an article'", arguments: [
        "", "<html><body><nav><a href=/>Home</a></nav></body></html>", String(decoding: [0xFF, 0x00, 0x13, 0x88, 0x00], as: UTF8.self),
    ])
    func notArticles(content: String) {
        #expect {
            _ = try CleanStage(pageTypes: nil).process(Document(input: Input(kind: .html, content: content)))
        } throws: { error in
            (error as? StageFailure)?.kind == .permanent && "\(error)".contains("not an article")
        }
    }

    @Test("a page over the size cap fails fast with a reason")
    func hugePage() {
        let huge = "<html><body>" + String(repeating: "<p>word word word word</p>", count: 2_000_000) + "</body></html>"
        #expect {
            _ = try CleanStage(pageTypes: nil).process(Document(input: Input(kind: .html, content: huge)))
        } throws: { "\($0)".contains("over the") }
    }

    @Test("plain text: a glued byline splits into site and author; crumbs and teasers go")
    func plainText() throws {
        let text = """
            First paragraph of the story, with enough words to read as prose.
            Second paragraph, also prose, ending with a full stop.
            Third paragraph of the body with a quote: "we will see," she said.
            ‘We are ready,’ minister says after talks
            A teaser lede for the other story that follows the headline.
            The Daily HeraldJane Doe
            Comments
            """
        let record = try clean(text, kind: .text)
        #expect(record.site == "The Daily Herald")
        #expect(record.authors == ["Jane Doe"])
        #expect(record.text.hasSuffix("she said."))
        #expect(!record.text.contains("teaser"))
    }

    @Test("plain text: ordinary lines are not taken for bylines or teasers")
    func plainTextNegative() throws {
        let text = """
            McDonald and O'Brien met in Washington on Monday to sign the agreement.
            The talks lasted three hours, officials said.
            Both sides called the meeting productive and planned another round.
            Further talks are scheduled for next month in Brussels.
            """
        let record = try clean(text, kind: .text)
        #expect(record.site == nil && record.authors.isEmpty)
        #expect(record.text.components(separatedBy: "\n\n").count == 4)
    }

    @Test("the seed's clean expectations hold", .enabled(if: SharedData.hasSeed, Comment(rawValue: SharedData.missingReason)))
    func seed() throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedData.seedExpectations)) as! [String: Any]
        let clean = expected["clean"] as! [String: Any]
        let must = clean["must"] as! [String: Any], should = clean["should"] as! [String: Any]
        let record = try self.clean(try String(contentsOf: SharedData.seedText, encoding: .utf8), kind: .text)
        #expect(record.text.hasPrefix(must["body_starts_with"] as! String))
        let lastParagraph = try #require(record.text.components(separatedBy: "\n\n").last)
        #expect(lastParagraph.contains(must["body_contains_last"] as! String))
        for excluded in (must["body_excludes"] as! [String]) + (should["body_excludes_related_teaser"] as! [String]) {
            #expect(!record.text.contains(excluded), "body holds '\(excluded)'")
        }
        #expect(record.site == must["site"] as? String)
        #expect(record.authors == must["authors"] as! [String])
        #expect(record.language == should["language"] as? String)
    }
}

@Suite("Clean stage: prose outside <p>")
struct ContainerTextTests {
    @Test("prose written straight into a div with <br> is the body, not the sidebar's paragraphs")
    func divProse() throws {
        let prose = String(repeating: "The committee heard evidence for three days before it reached a verdict on the plan. ", count: 6)
        let html = """
            <html><body><div id="story">\(prose)<br><br>\(prose)</div>
            <div class="rail"><p>About us: we are a community of readers who love technology and share tips daily.</p></div></body></html>
            """
        guard case .next(let document) = try CleanStage(pageTypes: nil).process(Document(input: Input(kind: .html, content: html))) else { return }
        let text = try #require(document.record?.text)
        #expect(text.contains("committee heard evidence"))
        #expect(!text.contains("About us"))
    }
}

@Suite("Clean stage: marked article body")
struct MarkedBodyTests {
    @Test("itemprop=articleBody wins over a longer block elsewhere on the page")
    func itemprop() throws {
        let story = "<p>The mayor signed the budget on Friday after a week of talks with the council members.</p>"
        let other = String(repeating: "<p>Another story entirely, with many more paragraphs of text that a score would prefer over the real one.</p>", count: 8)
        let html = "<html><body><div class=\"rail\">\(other)</div><div itemprop=\"articleBody\">\(story)\(story)\(story)</div></body></html>"
        guard case .next(let document) = try CleanStage(pageTypes: nil).process(Document(input: Input(kind: .html, content: html))) else { return }
        let text = try #require(document.record?.text)
        #expect(text.contains("mayor signed the budget"))
        #expect(!text.contains("Another story"))
    }

    @Test("a marked body too short to be an article does not override scoring")
    func tooShort() throws {
        let prose = String(repeating: "<p>The committee heard evidence for three days before it reached its verdict on the plan.</p>", count: 4)
        let html = "<html><body><div class=\"article-body\"><p>Short teaser.</p></div><div>\(prose)</div></body></html>"
        guard case .next(let document) = try CleanStage(pageTypes: nil).process(Document(input: Input(kind: .html, content: html))) else { return }
        #expect(document.record?.text.contains("committee heard evidence") == true)
    }
}

@Suite("Clean stage: structured body text")
struct StructuredTextTests {
    @Test("HTML inside JSON-LD articleBody becomes paragraphs without markup")
    func markup() {
        #expect(StructuredText.paragraphs("<body><p>First &amp; best.</p><p class=\"x\">Second<br>line</p></body>") == ["First & best.", "Second", "line"])
        #expect(StructuredText.paragraphs("Plain text.\nAnother paragraph.") == ["Plain text.", "Another paragraph."])
    }
}

@Suite("Clean stage: siblings")
struct SiblingTests {
    @Test("an article split by an ad box continues in the next sibling")
    func split() throws {
        let part = "<p>The committee heard evidence for three days before it reached its verdict on the plan, officials said.</p>"
        let html = """
            <html><body><div id="wrap"><div class="a">\(part)\(part)\(part)</div><div class="ad">Advertisement</div>
            <div class="b">\(part.replacingOccurrences(of: "committee", with: "panel"))\(part.replacingOccurrences(of: "committee", with: "panel"))</div>
            <ul class="links"><li><a href="/x">Other story with a long linked headline here</a></li></ul></div></body></html>
            """
        guard case .next(let document) = try CleanStage(pageTypes: nil).process(Document(input: Input(kind: .html, content: html))) else { return }
        let text = try #require(document.record?.text)
        #expect(text.contains("committee heard") && text.contains("panel heard"))
        #expect(!text.contains("Advertisement") && !text.contains("Other story"))
    }
}

@Suite("Clean stage: paragraph furniture")
struct ParagraphFilterTests {
}
