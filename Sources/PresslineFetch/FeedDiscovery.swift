import Foundation

/// Where a site lists its feeds: the `<link rel="alternate">` elements of its home page whose type is a feed
/// (RSS, Atom, JSON Feed). Sitemaps come from its robots.txt (``RobotsTxt/sitemaps``). Guarded by
/// `FeedDiscoveryTests`.
///
/// ```swift
/// FeedDiscovery.feeds(inPage: html, base: home)   // ["https://example.org/rss.xml"]
/// ```
public enum FeedDiscovery {
    static let feedTypes: Set<String> = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"]

    /// The feed URLs a page's head announces, resolved against `base`, each once, in page order.
    public static func feeds(inPage html: String, base: URL) -> [String] {
        var found: [String] = []
        var rest = Substring(html)
        while let start = rest.range(of: "<link", options: .caseInsensitive) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: ">") else { break }
            let attributes = Self.attributes(of: rest[..<end])
            rest = rest[end...]
            let rel = (attributes["rel"] ?? "").lowercased().split(separator: " ")
            guard rel.contains("alternate"), feedTypes.contains((attributes["type"] ?? "").lowercased()),
                  let href = attributes["href"], let url = URL(string: href, relativeTo: base)?.absoluteURL,
                  ["http", "https"].contains(url.scheme?.lowercased() ?? ""), !found.contains(url.absoluteString) else { continue }
            found.append(url.absoluteString)
        }
        return found
    }

    /// `name="value"`, `name='value'` and `name=value` pairs of a tag, names lowercased.
    static func attributes(of tag: Substring) -> [String: String] {
        var out: [String: String] = [:]
        var rest = tag
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "/" }).last.map { $0.lowercased() } ?? ""
            rest = rest[rest.index(after: equals)...].drop { $0 == " " }
            let value: Substring
            if let quote = rest.first, quote == "\"" || quote == "'" {
                let body = rest.dropFirst()
                let close = body.firstIndex(of: quote) ?? body.endIndex
                value = body[..<close]
                rest = close < body.endIndex ? body[body.index(after: close)...] : body[close...]
            } else {
                let close = rest.firstIndex { $0 == " " || $0 == "\n" || $0 == "\t" } ?? rest.endIndex
                value = rest[..<close]
                rest = rest[close...]
            }
            if !name.isEmpty { out[name] = String(value) }
        }
        return out
    }
}
