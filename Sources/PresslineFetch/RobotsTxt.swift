import Foundation

/// A site's robots.txt as RFC 9309 reads it: groups by user agent (the crawler's product token matched without
/// case, else the `*` group; groups naming the same agent merge), `Allow` and `Disallow` rules with `*` and `$`,
/// the longest matching rule deciding and `Allow` winning a tie; only the first 500 KiB is read. Guarded by
/// `RobotsTxtTests`.
///
/// ```swift
/// let robots = RobotsTxt("User-agent: *\nDisallow: /private/\n", userAgent: "Pressline")
/// robots.allows("/private/a.html")   // false
/// ```
public struct RobotsTxt: Sendable, Equatable {
    /// The rules that apply to this crawler.
    struct Rule: Sendable, Equatable {
        let allow: Bool
        let pattern: String
    }

    /// The most of a robots.txt that is read (RFC 9309 section 2.5: at least 500 kibibytes).
    public static let maxBytes = 500 << 10

    let rules: [Rule]
    /// The group's `Crawl-delay`, in seconds, when it gives one (not part of RFC 9309, widely used).
    public let crawlDelay: Double?
    /// The `Sitemap:` lines, for discovery.
    public let sitemaps: [String]
    /// True for the stand-in of a robots.txt that could not be read (everything disallowed until it can).
    public var unreadable: Bool { unreadableBecause != nil }
    /// Why it could not be read ("answered HTTP 503", "connection refused"), for the failure it causes.
    public let unreadableBecause: String?

    /// Everything allowed: a robots.txt that is missing (4xx) or empty.
    public static let allowAll = RobotsTxt(rules: [], crawlDelay: nil, sitemaps: [])
    /// Everything disallowed: a robots.txt that could not be read (5xx, unreachable) for `reason`, until it can.
    public static func unreadableFile(because reason: String) -> RobotsTxt {
        RobotsTxt(rules: [Rule(allow: false, pattern: "/")], crawlDelay: nil, sitemaps: [], unreadableBecause: reason)
    }

    init(rules: [Rule], crawlDelay: Double?, sitemaps: [String], unreadableBecause: String? = nil) {
        self.rules = rules
        self.crawlDelay = crawlDelay
        self.sitemaps = sitemaps
        self.unreadableBecause = unreadableBecause
    }

    /// Parses `text` for the crawler whose product token is `userAgent` (`Pressline` of `Pressline/1.0 (+url)`).
    public init(_ text: String, userAgent: String) {
        let token = Self.productToken(of: userAgent).lowercased()
        var groups: [(agents: [String], rules: [Rule], delay: Double?)] = []
        var sitemaps: [String] = []
        var lastWasAgent = false
        for rawLine in String(decoding: Array(text.utf8.prefix(Self.maxBytes)), as: UTF8.self).split(whereSeparator: \.isNewline) {
            let line = rawLine.prefix { $0 != "#" }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                // Consecutive user-agent lines share one group; one after rules starts the next.
                if !lastWasAgent || groups.isEmpty { groups.append(([], [], nil)) }
                groups[groups.count - 1].agents.append(value.lowercased())
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                // An empty Disallow allows everything; an empty Allow says nothing.
                guard !groups.isEmpty, !value.isEmpty else { continue }
                groups[groups.count - 1].rules.append(Rule(allow: key == "allow", pattern: value))
            case "crawl-delay":
                lastWasAgent = false
                guard !groups.isEmpty, let seconds = Double(value), seconds >= 0 else { continue }
                groups[groups.count - 1].delay = seconds
            case "sitemap":
                if !value.isEmpty { sitemaps.append(value) }
            default:
                continue
            }
        }
        let own = groups.filter { $0.agents.contains(token) }
        let chosen = own.isEmpty ? groups.filter { $0.agents.contains("*") } : own
        self.init(rules: chosen.flatMap(\.rules), crawlDelay: chosen.compactMap(\.delay).first, sitemaps: sitemaps)
    }

    /// The name robots.txt groups are matched against: a user agent's first word (`Pressline` of
    /// `Pressline/0.1 (+https://…)`).
    public static func productToken(of userAgent: String) -> Substring {
        userAgent.prefix { $0 != "/" && $0 != " " }
    }

    /// Whether the crawler may request `path` (the URL's path and query, from its first `/`).
    public func allows(_ path: String) -> Bool {
        let path = path.isEmpty ? "/" : path
        if path == "/robots.txt" { return true }
        var best: Rule?
        for rule in rules where Self.matches(rule.pattern, path) {
            guard let current = best else { best = rule; continue }
            let (length, bestLength) = (rule.pattern.utf8.count, current.pattern.utf8.count)
            if length > bestLength || (length == bestLength && rule.allow && !current.allow) { best = rule }
        }
        return best?.allow ?? true
    }

    /// Whether `pattern` (`*` any run, a final `$` the end) matches the start of `path`.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Substring(pattern)
        let anchored = pattern.hasSuffix("$")
        if anchored { pattern = pattern.dropLast() }
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(path)
        for (index, piece) in pieces.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(piece) else { return false }
                rest = rest.dropFirst(piece.count)
            } else if index == pieces.count - 1 && anchored {
                return piece.isEmpty || rest.hasSuffix(piece)
            } else if !piece.isEmpty {
                guard let found = rest.range(of: piece) else { return false }
                rest = rest[found.upperBound...]
            }
        }
        return !anchored || rest.isEmpty || pattern.hasSuffix("*")
    }
}
