import Foundation
import Testing
@testable import PresslineClean

@Suite("Sets of tag names, asked by element")
struct TagSetTests {
    @Test("an element is a member by its tag; other tags, custom elements and text are not")
    func membership() throws {
        let html = "<html><body><h2>Head</h2><p>Text <b>bold</b></p><my-card>Card</my-card></body></html>"
        let document = try #require(HTMLDocument(html: html))
        let root = try #require(document.root)
        let headings: TagSet = ["h2", "h3"]
        let byName = Dictionary(uniqueKeysWithValues: root.descendants { _ in true }.map { ($0.name, $0) })
        #expect(headings.contains(try #require(byName["h2"])))
        #expect(!headings.contains(try #require(byName["p"])))
        #expect(!headings.contains(try #require(byName["my-card"])), "a custom element is never a member")
        let text = try #require(byName["b"]?.children.first)
        #expect(!text.isElement && !BodyHeuristics.inlineTags.contains(text), "a text node has no tag")
        #expect(BodyHeuristics.inlineTags.contains(try #require(byName["b"])))
        withExtendedLifetime(document) {}
    }
}
