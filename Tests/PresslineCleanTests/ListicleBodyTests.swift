import Foundation
import PresslineCore
import Testing
@testable import PresslineClean

/// Stories cut into many like blocks: the body extractor reads them whole, and stays inside an `<article>`.
@Suite("Clean stage: listicles")
struct ListicleBodyTests {
    static func paragraph(_ name: String, words: Int) -> String {
        "<p>\(name) opened this autumn, and its kitchen turns out dishes that draw a queue most evenings, the owners said."
            + String(repeating: " The menu changes with the season", count: words) + ".</p>"
    }

    @Test("a listicle whose items sit deep in wrappers of one class is read whole, not as its longest item")
    func itemsInLikeWrappers() throws {
        let items = (1...6).map { "<div class=\"place\"><div><div>\(Self.paragraph("Place number \($0)", words: $0 == 3 ? 8 : 4))</div></div></div>" }
        let text = try bodyText("<html><body><h1>Six new restaurants to try</h1><section>\(items.joined())</section></body></html>")
        #expect((1...6).allSatisfy { text.contains("Place number \($0) opened") }, "\(text)")
    }

    @Test("a story in an <article> widens to the article, not to the teasers around it")
    func staysInsideArticle() throws {
        // Each of the story's parts outscores the teasers' list, yet holds under a third of the page's prose.
        let story = (1...2).map { "<div class=\"para\"><div>\(Self.paragraph("The story's part \($0)", words: 16))</div></div>" }.joined()
        let teasers = (1...3).map { "<div class=\"card\">\(Self.paragraph("Teaser \($0)", words: 5))</div>" }.joined()
        let text = try bodyText("<html><body><div class=\"wrap\"><article><h1>The story</h1>\(story)</article><div class=\"more\">\(teasers)</div></div></body></html>")
        #expect(text.contains("The story's part 1") && text.contains("The story's part 2"), "\(text)")
        #expect(!text.contains("Teaser"), "\(text)")
    }
}
