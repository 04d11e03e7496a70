import Foundation
import PresslineTesting
import Testing
@testable import PresslineClean
@testable import PresslineCore

@Suite("Clean stage: what is never read is cut before parsing")
struct PageTrimmerTests {
    func trim(_ html: String) -> String { String(decoding: PageTrimmer.trimmed(Array(html.utf8)), as: UTF8.self) }

    @Test("a script's or style's body goes, the element stays, in any letter case")
    func emptied() {
        #expect(trim(#"<p>a</p><script>var x = "<p>b</p>";</script><p>c</p>"#) == "<p>a</p><script></script><p>c</p>")
        #expect(trim("<STYLE media=\"x\">p { color: red }</Style><p>c</p>") == "<STYLE media=\"x\"></Style><p>c</p>")
        #expect(trim("<script\n  async>x()</SCRIPT >") == "<script\n  async></SCRIPT >")
    }

    @Test("JSON-LD is kept whole: metadata is read from it")
    func jsonLDKept() {
        let page = #"<script type="application/LD+JSON">{"headline": "A <b data-x=\"1\">bold</b> claim"}</script>"#
        #expect(trim(page) == page)
    }

    @Test("what is not a script body stays: comments, other elements, self-closed scripts")
    func othersKept() {
        #expect(trim("<!-- <script> <p data-x=1> --><p>kept</p>") == "<!-- <script> <p data-x=1> --><p>kept</p>")
        #expect(trim("<scripts>x</scripts><style-guide>y</style-guide>") == "<scripts>x</scripts><style-guide>y</style-guide>")
        // libxml2 closes `<script … />` on the spot, so the next script's end is not this one's.
        #expect(trim(#"<script src="a.js"/><p>kept</p><script>x</script>"#) == #"<script src="a.js"/><p>kept</p><script></script>"#)
        let plain = "<p>No scripts here.</p>"
        #expect(trim(plain) == plain)
    }

    @Test("a '>' inside a quoted attribute does not end the tag; a body never closed runs to the end")
    func edges() {
        #expect(trim(#"<script data-x="a>b">code</script>"#) == #"<script data-x="a>b"></script>"#)
        #expect(trim("<p>a</p><script>never closed <p>b</p>") == "<p>a</p><script>")
    }

    @Test("attributes no heuristic reads are dropped, the others kept as written, in any case")
    func attributesDropped() {
        #expect(trim(#"<div data-x="1" CLASS="a b" onclick='f("x")' id=main>t</div>"#) == #"<div CLASS="a b" id=main>t</div>"#)
        #expect(trim(#"<My-Element data-x="1"><a href="/x" srcset="a 1x, b 2x"class="c">l</a></My-Element>"#)
                == #"<My-Element><a href="/x" class="c">l</a></My-Element>"#)
        // "/>" keeps a blank before it: after an unquoted value the "/" would be read as part of the value.
        #expect(trim("<img src=x.png alt=y/>") == "<img alt=y/>")
        #expect(trim("<img src=x.png alt=y />") == "<img alt=y />")
        #expect(trim(#"<br data-x="1"/>"#) == "<br />")
        #expect(trim(#"<input hidden data-y>"#) == "<input hidden>")
    }

    @Test("a tag libxml2 might read otherwise is left as it is", arguments: [
        #"<div @click="x" data-a="1">t</div>"#, #"<p data-x=>t</p>"#, #"<a href="x data-y="1">t</a>"#,
        #"<p data-x="1" / class="a">t</p>"#, "<p data-x=\"1\"\u{0C}class=\"a\">t</p>", "<_x data-a=\"1\">t</_x>",
    ])
    func leftAlone(_ html: String) {
        #expect(trim(html) == html)
    }

    @Test("a value that looks like a tag is the value: only the tag around it is rewritten")
    func tagInValue() {
        #expect(trim(#"<div alt="<a data-x='1'>" data-y="2">t</div>"#) == #"<div alt="<a data-x='1'>">t</div>"#)
        #expect(trim(#"<div @x="<p data-x='1'>">t</div>"#) == #"<div @x="<p data-x='1'>">t</div>"#)
    }

    @Test("a page with a NUL keeps its attributes: libxml2 reads a tag with one differently")
    func nul() {
        let page = "<p data-x=\"1\">a\u{0}b</p>"
        #expect(trim(page) == page)
    }

    @Test("the article read from a page is the same with script text that looks like prose")
    func articleUnchanged() throws {
        let prose = "The council voted on Monday to repair the old bridge rather than replace it, officials said."
        let page = "<html><body><article><p>\(prose)</p><script>document.write('<p>Subscribe to our newsletter for daily updates and offers.</p>')</script></article></body></html>"
        guard case .next(let document) = try CleanStage(pageTypes: nil).process(Document(input: Input(kind: .html, content: page))) else {
            Issue.record("no article")
            return
        }
        #expect(document.record?.text == prose)
    }

    /// Every element, text and attribute the clean stage can read, in document order with depths.
    static func readable(_ document: HTMLDocument) -> [String] {
        var out: [String] = []
        func visit(_ node: Node, depth: Int) {
            if node.isText {
                out.append("\(depth) text \(node.ownText)")
            } else if node.isElement {
                let attributes: [(String, String?)] = [
                    ("alt", node.attribute("alt")), ("aria-hidden", node.attribute("aria-hidden")), ("class", node.attribute("class")),
                    ("content", node.attribute("content")), ("datetime", node.attribute("datetime")), ("hidden", node.attribute("hidden")),
                    ("href", node.attribute("href")), ("id", node.attribute("id")), ("itemprop", node.attribute("itemprop")),
                    ("lang", node.attribute("lang")), ("name", node.attribute("name")), ("property", node.attribute("property")),
                    ("rel", node.attribute("rel")), ("role", node.attribute("role")), ("style", node.attribute("style")), ("type", node.attribute("type")),
                ]
                out.append("\(depth) <\(node.name)> " + attributes.compactMap { name, value in value.map { "\(name)=\($0)" } }.joined(separator: " "))
            }
            node.forEachChild { visit($0, depth: depth + 1) }
        }
        if let root = document.root { visit(root, depth: 0) }
        return out
    }

    @Test("on the aeb-dev pages libxml2 builds the same tree, with the same readable attributes, trimmed or not",
          .enabled(if: FileManager.default.fileExists(atPath: SharedData.root.appendingPathComponent("bench/aeb-dev/html").path),
                   "../shared/bench/aeb-dev is absent beside the clone; skipped"))
    func sameTree() throws {
        let folder = SharedData.root.appendingPathComponent("bench/aeb-dev/html")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count > 50)
        for page in pages {
            let raw = Array(try Data(contentsOf: folder.appendingPathComponent(page)))
            // Script bodies are emptied in both, so that only the attributes differ.
            let scriptless = PageTrimmer.trimmed(raw, droppingAttributes: false)
            let trimmed = PageTrimmer.trimmed(raw)
            #expect(trimmed.count < scriptless.count, "\(page): no attribute dropped")
            let expected = HTMLDocument(bytes: scriptless).map(Self.readable) ?? []
            let found = HTMLDocument(bytes: trimmed).map(Self.readable) ?? []
            #expect(found == expected, "\(page): the trees differ from line \(found.indices.first { $0 >= expected.count || found[$0] != expected[$0] } ?? found.count)")
        }
    }
}
