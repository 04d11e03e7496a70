/// The record of one article: what `pressline process` prints, what the store
/// keeps and what `pressline query show ID --format json` returns (README.md shows one).
///
/// Offsets are Unicode code-point offsets into ``text``, end exclusive.
public struct ArticleRecord: Sendable, Equatable {
    /// Stable id: from the canonical URL, else from the text (``ArticleRecord/makeID(canonicalURL:text:)``).
    public var id: String
    public var url: String?
    /// The http(s) URL the page was fetched from, after redirects; nil for a page pushed inline or as a file.
    /// The store lets only a fetched page replace a fetched page's article (`SecurityTests.canonicalTakeover`).
    public var source: String?
    public var site: String?
    public var title: String?
    public var authors: [String]
    /// ISO date (YYYY-MM-DD), or with time and zone when the page gives them.
    public var published: String?
    public var language: String?
    /// Why no people, organisations, places or speakers were extracted — no entity model for ``language`` —
    /// or nil when they were. Quotations and dates are still found; they have no speakers.
    public var entitiesSkipped: String?
    /// The article body: paragraphs separated by a blank line.
    public var text: String
    public var people: [Person]
    public var organizations: [NamedEntity]
    public var places: [NamedEntity]
    public var mentions: [Mention]
    /// Direct quotations of three words or more, with their speakers.
    public var quotes: [Quote]
    /// Partial quotations of one or two words woven into a sentence, with their speakers: Rutte called the
    /// argument “unfortunate.” Kept apart from ``quotes``: alone they are rarely speech worth listing.
    public var fragments: [Quote]
    public var dates: [DateMention]
    public var keywords: [String]
    public var summary: String?
    /// What the page is, as the clean stage's model reads it: `article`, or `listing`, `forum`, `product`,
    /// `service`, `collection`, `documentation`; nil when it was not asked (plain text, classification off).
    /// Only articles go on to extract and into `articles`; the others are kept in `pages`.
    public var pageType: String?
    /// The model's probability for ``pageType``.
    public var pageTypeScore: Double?

    /// Creates a record with the clean stage's fields; extraction fields start empty.
    public init(id: String, url: String? = nil, site: String? = nil, title: String? = nil, authors: [String] = [],
                published: String? = nil, language: String? = nil, text: String) {
        self.id = id
        self.url = url
        self.site = site
        self.title = title
        self.authors = authors
        self.published = published
        self.language = language
        self.entitiesSkipped = nil
        self.text = text
        self.people = []
        self.organizations = []
        self.places = []
        self.mentions = []
        self.quotes = []
        self.fragments = []
        self.dates = []
        self.keywords = []
        self.summary = nil
        self.pageType = nil
        self.pageTypeScore = nil
    }
}

/// A person named in the article, with every role the article gives them.
public struct Person: Sendable, Equatable {
    public var name: String
    public var roles: [String]
    public var mentions: Int
    public init(name: String, roles: [String] = [], mentions: Int) {
        self.name = name
        self.roles = roles
        self.mentions = mentions
    }
}

/// An organization or a place, with how often the article names it.
public struct NamedEntity: Sendable, Equatable {
    public var name: String
    public var mentions: Int
    public init(name: String, mentions: Int) {
        self.name = name
        self.mentions = mentions
    }
}

/// One entity type in ``Mention``.
public enum EntityType: String, Sendable, CaseIterable {
    case person = "PERSON", org = "ORG", loc = "LOC", date = "DATE"
}

/// One place in the text that names an entity.
public struct Mention: Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    public var type: EntityType
    /// The canonical name the mention resolves to ("Rutte" → "Mark Rutte").
    public var entity: String
    public init(text: String, start: Int, end: Int, type: EntityType, entity: String) {
        self.text = text
        self.start = start
        self.end = end
        self.type = type
        self.entity = entity
    }
}

/// A direct quotation and who said it.
public struct Quote: Sendable, Equatable {
    /// The quoted words, without the quotation marks.
    public var text: String
    /// Span of the quotation including its marks.
    public var start: Int
    public var end: Int
    /// Canonical name of the speaker, when found.
    public var speaker: String?
    /// The mention of the speaker the attribution rests on.
    public var speakerStart: Int?
    public var speakerEnd: Int?
    /// Where it was said: "BBC", "X", "Fox News".
    public var medium: String?

    public init(text: String, start: Int, end: Int, speaker: String? = nil, speakerStart: Int? = nil,
                speakerEnd: Int? = nil, medium: String? = nil) {
        self.text = text
        self.start = start
        self.end = end
        self.speaker = speaker
        self.speakerStart = speakerStart
        self.speakerEnd = speakerEnd
        self.medium = medium
    }
}

/// A date named in the text, with its calendar value when it can be resolved.
public struct DateMention: Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    /// YYYY-MM-DD, or nil when the text does not pin a day (no year and no publication date).
    public var value: String?
    public init(text: String, start: Int, end: Int, value: String?) {
        self.text = text
        self.start = start
        self.end = end
        self.value = value
    }
}
