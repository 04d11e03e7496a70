import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The items of a news feed — RSS 2.0, Atom 1.0 or JSON Feed 1.1 — as the links they point to and the dates
/// they give, for discovery (`pressline push --feed`). Guarded by `FeedTests`.
///
/// ```swift
/// let items = try Feed.items(in: data)   // [FeedItem(url: "https://…/story", published: Date?)]
/// ```
public enum Feed {
    /// One item: its link, and its publication (or else update) date when the feed gives one.
    public struct Item: Sendable, Equatable {
        public let url: String
        public let published: Date?
    }

    /// Bytes that are no feed, with what was found instead.
    public struct NotAFeed: Error, CustomStringConvertible {
        public let description: String
    }

    /// The items of the feed in `data`, in the feed's order, each link resolved against `base`.
    public static func items(in data: Data, base: URL? = nil) throws(NotAFeed) -> [Item] {
        let head = data.prefix(512).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        let items = head.first == UInt8(ascii: "{") ? try jsonFeed(data) : try xmlFeed(data)
        return items.compactMap { item in
            guard let url = URL(string: item.url, relativeTo: base)?.absoluteURL, ["http", "https"].contains(url.scheme?.lowercased() ?? "") else { return nil }
            return Item(url: url.absoluteString, published: item.published)
        }
    }

    private static func jsonFeed(_ data: Data) throws(NotAFeed) -> [Item] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let items = object["items"] as? [[String: Any]] else {
            throw NotAFeed(description: "JSON without an 'items' list is not a JSON Feed")
        }
        return items.compactMap { item in
            guard let url = (item["url"] ?? item["external_url"]) as? String else { return nil }
            return Item(url: url, published: ((item["date_published"] ?? item["date_modified"]) as? String).flatMap(FeedDates.parse))
        }
    }

    private static func xmlFeed(_ data: Data) throws(NotAFeed) -> [Item] {
        let reader = XMLFeedReader()
        let error = FeedXML.read(data, with: reader)
        guard error == nil, reader.isFeed else {
            throw NotAFeed(description: reader.isFeed ? "the feed's XML is \(error.map { "\($0)" } ?? "broken")"
                                                     : "no <rss>, <feed> or RDF root: not RSS or Atom")
        }
        return reader.items
    }
}

/// What feeds and sitemaps share: parsing without fetching external entities, names without their prefix.
enum FeedXML {
    /// Streams `data` through `delegate`; where the XML broke, or nil when it was whole. On Linux `parse()`
    /// returns true for a document cut off before its root closes, so the parser's error is asked as well
    /// (`BadInputTests.hugeSitemapAndBrokenFeed`).
    static func read(_ data: Data, with delegate: any XMLParserDelegate) -> (any Error)? {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        let whole = parser.parse()
        guard !whole || parser.parserError != nil else { return nil }
        let code = (parser.parserError as NSError?).map { " (XMLParser error \($0.code))" } ?? ""
        return Feed.NotAFeed(description: "broken at line \(parser.lineNumber), column \(parser.columnNumber)\(code)")
    }

    /// `news:publication_date` → `publication_date`: namespaces are matched by local name.
    static func localName(_ name: String) -> String { name.split(separator: ":").last.map(String.init) ?? name }
}

/// Reads `<item>` (RSS) and `<entry>` (Atom) elements as they stream past.
private final class XMLFeedReader: NSObject, XMLParserDelegate {
    var items: [Feed.Item] = []
    var isFeed = false
    private var inItem = false
    private var link: String?
    private var date: String?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let local = FeedXML.localName(name)
        if !isFeed { isFeed = ["rss", "feed", "RDF"].contains(local) }
        if local == "item" || local == "entry" {
            (inItem, link, date) = (true, nil, nil)
        } else if inItem && local == "link", let href = attributes["href"], (attributes["rel"] ?? "alternate") == "alternate" {
            link = link ?? href
        }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let local = FeedXML.localName(name)
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard inItem else { return }
        switch local {
        case "link" where link == nil && !value.isEmpty: link = value
        case "pubDate", "published", "date", "issued": date = value
        case "updated", "modified": date = date ?? value
        case "item", "entry":
            if let link { items.append(Feed.Item(url: link, published: date.flatMap(FeedDates.parse))) }
            inItem = false
        default: break
        }
    }
}

/// The dates feeds write: RFC 822 in RSS (`Tue, 03 Jun 2025 09:39:21 GMT`), RFC 3339 in Atom and JSON Feed.
enum FeedDates {
    private static let rfc822: [DateFormatter] = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEE, dd MMM yyyy HH:mm zzz", "dd MMM yyyy HH:mm:ss zzz",
                                                 "EEE, dd MMM yyyy HH:mm:ss Z"].map { format in
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = format
        return formatter
    }

    /// RFC 3339 with and without fractions, and a bare day (sitemaps' `lastmod`); made once, not per date, and
    /// only read after (Foundation documents ISO8601DateFormatter as safe to share across threads).
    nonisolated(unsafe) private static let rfc3339: [ISO8601DateFormatter] = [
        [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds], [.withFullDate],
    ].map { (options: ISO8601DateFormatter.Options) in
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = options
        return formatter
    }

    static func parse(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        return rfc3339.lazy.compactMap { $0.date(from: text) }.first ?? rfc822.lazy.compactMap { $0.date(from: text) }.first
    }
}
