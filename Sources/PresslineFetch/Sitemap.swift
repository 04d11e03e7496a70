import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A sitemap (sitemaps.org 0.9): the pages a `<urlset>` lists, with their Google News `publication_date` or
/// `lastmod`, or the child sitemaps a `<sitemapindex>` lists. Guarded by `SitemapTests`.
///
/// ```swift
/// let sitemap = try Sitemap(data)   // sitemap.pages, sitemap.children
/// ```
public struct Sitemap: Sendable, Equatable {
    /// The pages of a `<urlset>`, as feed items: their location and date.
    public var pages: [Feed.Item] = []
    /// The sitemaps of a `<sitemapindex>`.
    public var children: [String] = []

    /// Most bytes a sitemap may hold once inflated (sitemaps.org: 50 MB uncompressed).
    public static let maxBytes = 50 << 20

    /// Reads a sitemap, inflating it first when it is gzip (`.xml.gz`).
    public init(_ data: Data) throws(Feed.NotAFeed) {
        var data = data
        if Gunzip.isGzip(data) {
            do { data = try Gunzip.inflate(data, limit: Self.maxBytes) } catch {
                throw Feed.NotAFeed(description: "a gzip sitemap that cannot be read: \(error)")
            }
        }
        let reader = SitemapReader()
        let error = FeedXML.read(data, with: reader)
        guard error == nil, let root = reader.root, root == "urlset" || root == "sitemapindex" else {
            throw Feed.NotAFeed(description: reader.root == nil ? "not XML: no sitemap"
                                : error.map { "the sitemap's XML is \($0)" } ?? "no <urlset> or <sitemapindex> root: not a sitemap")
        }
        pages = reader.pages
        children = reader.children
    }
}

private final class SitemapReader: NSObject, XMLParserDelegate {
    var root: String?
    var pages: [Feed.Item] = []
    var children: [String] = []
    private var location: String?
    private var published: String?
    private var modified: String?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let local = FeedXML.localName(name)
        if root == nil { root = local }
        if local == "url" || local == "sitemap" { (location, published, modified) = (nil, nil, nil) }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let local = FeedXML.localName(name)
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch local {
        case "loc": location = location ?? value
        case "publication_date": published = value
        case "lastmod": modified = value
        case "url":
            if let location { pages.append(Feed.Item(url: location, published: (published ?? modified).flatMap(FeedDates.parse))) }
        case "sitemap":
            if let location { children.append(location) }
        default: break
        }
        text = ""
    }
}
