import Foundation
import Testing
@testable import PresslineClean
import PresslineCore
import PresslineTesting

@Suite("Page types")
struct PageTypeTests {
    func clean(_ html: String, url: String? = nil, stage: CleanStage? = nil) throws -> StageOutput {
        try (stage ?? CleanStage()).process(Document(input: Input(kind: .html, url: url, content: html)))
    }

    @Test("a story is an article and goes on to extract with its text; a section front is a listing whose stories are followed")
    func storyAndFront() throws {
        guard case .next(let story) = try clean(ArticlePage.html(title: "Harbour bridge to reopen"), url: "https://news.example/city/2025/03/01/harbour-bridge-to-reopen") else {
            Issue.record("a story did not go on as an article"); return
        }
        #expect(story.record?.pageType == "article" && story.record?.text.contains("Mayor Ana Ruiz") == true)

        let stories = (1...24).map { (path: "/city/2025/03/\($0)/story-number-\($0)-of-the-week", headline: "Council story number \($0) of the week") }
        let front = ArticlePage.sectionFront(title: "City", stories: stories)
        let output = try clean(front, url: "https://news.example/city/")
        guard case .nextFollowing(let listing, let links) = output else {
            Issue.record("a section front was not a listing with links: \(output)"); return
        }
        #expect(listing.record?.pageType == "listing" && listing.record?.text == "")
        #expect(links == stories.map { "https://news.example" + $0.path })
    }

    @Test("every_page_an_article: no model, every page an article as before, and no page type in the record")
    func everyPageAnArticle() throws {
        let front = ArticlePage.sectionFront(title: "City", stories: [(path: "/a-story-with-a-long-name", headline: "A story with a long name")])
        guard case .next(let document) = try clean(front, url: "https://news.example/city/", stage: CleanStage(pageTypes: nil)) else {
            Issue.record("expected the page to go on"); return
        }
        #expect(document.record?.pageType == nil)
    }

    @Test("a listing's followed links: same host only, no fragments or repeats, no files, not itself, teasers only")
    func followedLinks() throws {
        let html = """
            <html><body><h2><a href="/a/story">Short</a></h2>
            <p><a href="https://news.example/b/story#comments">A headline of several words</a></p>
            <p><a href="/b/story">A headline of several words again</a></p>
            <p><a href="https://other.example/c">A headline on another site</a></p>
            <p><a href="/photo.jpg">A picture of the harbour</a></p><p><a href="/city/">The city section itself</a></p>
            <p><a href="/d">Two words</a></p><p><a href="https://www.news.example/e/story">The same site with www</a></p></body></html>
            """
        let links = ListingLinks.stories(in: html, base: URL(string: "https://news.example/city/")!, limit: 10)
        #expect(links == ["https://news.example/a/story", "https://news.example/b/story", "https://www.news.example/e/story"])
        #expect(ListingLinks.stories(in: html, base: URL(string: "https://news.example/city/")!, limit: 1).count == 1)
    }

    @Test("a model file that is not one is an error naming the file")
    func damagedModel() {
        #expect { try PageTypeModel(serialized: Data("{}".utf8), path: "/tmp/x.json") } throws: { "\($0)".contains("/tmp/x.json") }
    }

    @Test("the model written is the model read")
    func roundTrip() throws {
        let examples = [
            PageTypeTrainer.Example(features: ["body.length": 0.8, "ld:NewsArticle": 1], type: .article, site: "a"),
            PageTypeTrainer.Example(features: ["share.links": 0.7, "ld:CollectionPage": 1], type: .listing, site: "b"),
        ]
        let model = PageTypeTrainer(minSites: 1, iterations: 200).train(examples).readingWords(below: 0.93)
        let read = try PageTypeModel(serialized: model.serialized(), path: "model.json")
        #expect(read.classify(examples[0].features).type == .article && read.classify(examples[1].features).type == .listing)
        #expect(abs(read.articleProbability(examples[0].features) - model.articleProbability(examples[0].features)) < 1e-5)
        #expect(read.structureSuffices == 0.93)
    }

    @Test("a page whose structure makes it an article surely enough is typed without its words; one it leaves open is not")
    func structureSuffices() throws {
        let model = PageTypeModel(weights: ["body.length": [8, 0, 0, 0, 0, 0, 0], "w:cart": [0, 0, 0, 9, 0, 0, 0]],
                                  bias: [0, 0, 0, 0, 0, 0, 0], articleThreshold: 0.5)
        func features(_ html: String) throws -> PageFeatures {
            let parsed = try #require(HTMLDocument(html: html))
            let root = try #require(parsed.root)
            var features = PageFeatures(root: root, url: nil, metadata: PageMetadata(root: root))
            features.addBody([String(repeating: "A long paragraph of the story. ", count: 200)], metadata: PageMetadata(root: root))
            return features
        }
        let story = try features("<html><body><p>The story of a cart.</p></body></html>")
        #expect(model.readingWords(below: 0.9).decidedByStructure(story))
        #expect(!model.decidedByStructure(story), "a model that names no cut reads every page's words")
        var read = story
        read.readWords(model.vocabulary)
        #expect(!model.readingWords(below: 0.9).decidedByStructure(read), "words read are weighed")
        let bare = try features("<html><body><p>Cart.</p></body></html>")
        #expect(!PageTypeModel(weights: [:], bias: [0, 0, 0, 0, 0, 0, 0], articleThreshold: 0.5).readingWords(below: 0.9).decidedByStructure(bare))
    }
}
