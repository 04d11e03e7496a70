import Foundation

/// What a client pushed: a URL to fetch, or content given inline.
public struct Input: Sendable, Equatable {
    /// The kind of input, which picks the stage a job enters at.
    public enum Kind: String, Sendable, CaseIterable {
        /// An http(s) or file:// URL for the fetch stage.
        case url
        /// An HTML page given inline.
        case html
        /// A plain-text article given inline.
        case text
    }

    /// What this is.
    public var kind: Kind
    /// The URL to fetch (`.url`), or where inline content came from, if known.
    public var url: String?
    /// Inline content (`.html`, `.text`).
    public var content: String?
    /// A label for people: the file path or URL pushed.
    public var name: String?
    /// A publication date the pusher knows (YYYY-MM-DD), used when the page gives none.
    public var published: String?
    /// When inline content was fetched (seconds since 1970), if known — an archive record's `WARC-Date`:
    /// a date the page shows as "3 hours ago" counts back from it.
    public var fetchedAt: Double?

    /// Creates an input.
    public init(kind: Kind, url: String? = nil, content: String? = nil, name: String? = nil, published: String? = nil) {
        self.kind = kind
        self.url = url
        self.content = content
        self.name = name
        self.published = published
    }
}

/// What the fetch stage got: the body decoded to UTF-8 and where it came from.
public struct Fetched: Sendable, Equatable {
    /// The body as text.
    public var body: String
    /// The media type without parameters, e.g. `text/html`.
    public var contentType: String
    /// The URL after redirects.
    public var finalURL: String?
    /// HTTP status (200 for file:// and inline content).
    public var status: Int
    /// Seconds the site's robots.txt asks between two requests (`Crawl-delay`, capped): the queue rests the
    /// host that long after this fetch.
    public var crawlDelay: Double?
    /// When the page was fetched (seconds since 1970), if known: a date the page shows as "3 hours ago"
    /// counts back from it.
    public var fetchedAt: Double?

    /// Creates a fetch result.
    public init(body: String, contentType: String, finalURL: String?, status: Int) {
        self.body = body
        self.contentType = contentType
        self.finalURL = finalURL
        self.status = status
    }
}

/// The unit of work that flows through the stages: each stage reads what the
/// previous ones wrote and adds its own part.
public struct Document: Sendable, Equatable {
    /// What was pushed.
    public var input: Input
    /// Set by fetch (or from inline content).
    public var fetched: Fetched?
    /// Set by clean (the article) and completed by extract (entities, quotes).
    public var record: ArticleRecord?

    /// Creates a document from an input.
    public init(input: Input, fetched: Fetched? = nil, record: ArticleRecord? = nil) {
        self.input = input
        self.fetched = fetched
        self.record = record
    }

    /// The page to clean: the fetched body, else the inline content turned into a fetch result.
    public var page: Fetched? {
        if let fetched { return fetched }
        guard let content = input.content else { return nil }
        var page = Fetched(body: content, contentType: input.kind == .html ? "text/html" : "text/plain", finalURL: input.url, status: 200)
        page.fetchedAt = input.fetchedAt
        return page
    }
}
