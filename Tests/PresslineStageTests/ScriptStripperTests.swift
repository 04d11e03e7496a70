import Testing
@testable import PresslineClean
@testable import PresslineCore

@Suite("Clean stage: script and style bodies emptied before parsing")
struct ScriptStripperTests {
    func strip(_ html: String) -> String { String(decoding: ScriptStripper.stripped(Array(html.utf8)), as: UTF8.self) }

    @Test("a script's or style's body goes, the element stays, in any letter case")
    func emptied() {
        #expect(strip(#"<p>a</p><script>var x = "<p>b</p>";</script><p>c</p>"#) == "<p>a</p><script></script><p>c</p>")
        #expect(strip("<STYLE media=\"x\">p { color: red }</Style><p>c</p>") == "<STYLE media=\"x\"></Style><p>c</p>")
        #expect(strip("<script\n  async>x()</SCRIPT >") == "<script\n  async></SCRIPT >")
    }

    @Test("JSON-LD is kept whole: metadata is read from it")
    func jsonLDKept() {
        let page = #"<script type="application/LD+JSON">{"headline": "A <b>bold</b> claim"}</script>"#
        #expect(strip(page) == page)
    }

    @Test("what is not a script body stays: comments, other elements, self-closed scripts")
    func othersKept() {
        #expect(strip("<!-- <script> --><p>kept</p>") == "<!-- <script> --><p>kept</p>")
        #expect(strip("<scripts>x</scripts><style-guide>y</style-guide>") == "<scripts>x</scripts><style-guide>y</style-guide>")
        // libxml2 closes `<script … />` on the spot, so the next script's end is not this one's.
        #expect(strip(#"<script src="a.js"/><p>kept</p><script>x</script>"#) == #"<script src="a.js"/><p>kept</p><script></script>"#)
        let plain = "<p>No scripts here.</p>"
        #expect(strip(plain) == plain)
    }

    @Test("a '>' inside a quoted attribute does not end the tag; a body never closed runs to the end")
    func edges() {
        #expect(strip(#"<script data-x="a>b">code</script>"#) == #"<script data-x="a>b"></script>"#)
        #expect(strip("<p>a</p><script>never closed <p>b</p>") == "<p>a</p><script>")
    }

    @Test("the article read from a page is the same with script text that looks like prose")
    func articleUnchanged() throws {
        let prose = "The council voted on Monday to repair the old bridge rather than replace it, officials said."
        let page = "<html><body><article><p>\(prose)</p><script>document.write('<p>Subscribe to our newsletter for daily updates and offers.</p>')</script></article></body></html>"
        guard case .next(let document) = try CleanStage().process(Document(input: Input(kind: .html, content: page))) else {
            Issue.record("no article")
            return
        }
        #expect(document.record?.text == prose)
    }
}
