import Foundation
import Testing
import PresslineCore
import PresslineStore
import PresslineTesting

@Suite("Pages that are no article")
struct PageStoreTests {
    @Test("a listing goes to pages, not articles; stored again it is updated, not doubled; pages are listed by type")
    func pages() throws {
        let path = TemporaryFolder.path("store", file: "articles.db")
        var listing = ArticleRecord(id: "u-front", url: "https://news.example/city/", title: "City", text: "")
        (listing.pageType, listing.pageTypeScore) = ("listing", 0.91)
        var product = ArticleRecord(id: "u-kettle", url: "https://shop.example/kettle", title: "Kettle", text: "")
        (product.pageType, product.pageTypeScore) = ("product", 0.88)
        var article = ArticleRecord(id: "u-story", url: "https://news.example/city/story", title: "Story", text: "The council met on Monday.")
        article.pageType = "article"
        let store = try ArticleStore(path: path)
        try store.save([listing, product, article])
        listing.title = "City news"
        try store.save([listing])

        let queries = try ArticleQueries(path: path)
        #expect(try queries.articles(limit: 10).map(\.id) == ["u-story"])
        let pages = try queries.pages(type: nil, limit: 10)
        #expect(Set(pages.map(\.id)) == ["u-front", "u-kettle"] && pages.count == 2)
        let listings = try queries.pages(type: "listing", limit: 10)
        #expect(listings.map(\.title) == ["City news"] && listings.first?.score == 0.91 && listings.first?.url == "https://news.example/city/")
    }
}
