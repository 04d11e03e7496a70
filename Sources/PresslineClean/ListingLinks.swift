import Foundation

/// The links of a listing page (a section front, a tag page) that lead to its site's stories: these are what
/// a listing is good for. Each becomes a fetch job; the fetched page is classified in its turn, so this only
/// keeps the crawl from wandering into what is plainly no story.
///
/// ```swift
/// ListingLinks.stories(in: html, base: URL(string: "https://news.example/world/")!, limit: 100)
/// ```
enum ListingLinks {
    /// Same-host http(s) links, in page order, without fragments and without repeats, whose anchor reads like
    /// a headline (three words or more) or stands in a heading — a teaser. The page itself, the site's home
    /// and files that are no page (images, feeds, scripts) are left out.
    static func stories(in html: String, base: URL, limit: Int) -> [String] {
        guard let parsed = HTMLDocument(html: html), let root = parsed.root, let host = Self.host(of: base) else { return [] }
        var seen: Set<String> = [Self.withoutFragment(base.absoluteString)]
        var links: [String] = []
        for anchor in root.descendants(where: { $0.name == "a" }) {
            guard links.count < limit, let href = anchor.attribute("href"),
                  let target = URL(string: href.trimmingCharacters(in: .whitespacesAndNewlines), relativeTo: base)?.absoluteURL,
                  ["http", "https"].contains(target.scheme?.lowercased() ?? ""), Self.host(of: target) == host,
                  target.path.count > 1, !Self.isFile(target.path) else { continue }
            let teaser = anchor.spacedText.split(whereSeparator: \.isWhitespace).count >= 3
                || Self.headings.contains { anchor.ancestor(named: $0) != nil }
                || anchor.descendants(where: { Self.headings.contains($0.name) }).first != nil
            guard teaser else { continue }
            let address = Self.withoutFragment(target.absoluteString)
            if seen.insert(address).inserted { links.append(address) }
        }
        return links
    }

    private static let headings = ["h1", "h2", "h3", "h4", "h5", "h6"]

    /// The host without a leading `www.`: the same site either way.
    private static func host(of url: URL) -> String? {
        guard let host = url.host?.lowercased() else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    private static func withoutFragment(_ address: String) -> String {
        address.firstIndex(of: "#").map { String(address[..<$0]) } ?? address
    }

    private static let fileExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "webp", "svg", "pdf", "zip", "mp3", "mp4", "css", "js", "xml", "rss", "json", "ics",
    ]

    private static func isFile(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return fileExtensions.contains(path[path.index(after: dot)...].lowercased())
    }
}
