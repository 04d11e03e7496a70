import Foundation
import Testing
@testable import PresslineClean

@Suite("The headline and the elements around it")
struct HeadlineWindowTests {
    func parse(_ body: String) throws -> (HTMLDocument, Node) {
        let document = try #require(HTMLDocument(html: "<html><body>\(body)</body></html>"))
        return (document, try #require(document.root))
    }

    @Test("the main <h1> is the first inside an <article> or <main>, else the first on the page",
          arguments: [
              ("<h1>Site</h1><main><div><h1>Story</h1></div></main><article><h1>Other</h1></article>", "Story"),
              ("<article><p>No heading here.</p></article><h1>Logo</h1><main><h1>Story</h1></main>", "Story"),
              ("<main><article><h1>Story</h1></article><h1>Later</h1></main>", "Story"),
              ("<h1>First</h1><div><h1>Second</h1></div>", "First"),
          ])
    func mainHeading(body: String, expected: String) throws {
        let (document, root) = try parse(body)
        #expect(root.mainHeading()?.textContent == expected)
        withExtendedLifetime(document) {}
    }

    @Test("fifteen elements before the headline, fifty-nine after it, up to the second long paragraph")
    func window() throws {
        let before = (1...20).map { "<span>b\($0)</span>" }.joined(), after = (1...70).map { "<i>a\($0)</i>" }.joined()
        let (document, root) = try parse(before + "<h1>Headline</h1>" + after)
        let texts = HeadlineWindow(root: root).elements.map(\.textContent)
        #expect(texts.count == 15 + 1 + 59)
        #expect(texts.first == "b6" && texts[15] == "Headline" && texts.last == "a59")
        let long = String(repeating: "word ", count: 40)
        let (story, storyRoot) = try parse("<p>Menu</p><h1>Headline</h1><p>By Jane Smith</p><p>\(long)</p><p>\(long)</p><p>After</p>")
        let storyTexts = HeadlineWindow(root: storyRoot).elements.map(\.textContent)
        #expect(storyTexts.suffix(4) == ["Menu", "Headline", "By Jane Smith", long], "the body begins at the second long paragraph")
        let (bare, bareRoot) = try parse("<p>No heading.</p>")
        #expect(HeadlineWindow(root: bareRoot).elements.isEmpty)
        withExtendedLifetime((document, story, bare)) {}
    }
}
