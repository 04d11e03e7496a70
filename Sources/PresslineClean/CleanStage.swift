import Foundation
import PresslineCore

/// HTML or plain text → the article: body paragraphs and metadata, in ``Document/record``, and what the page
/// is (``PageType``). A page that is no article goes on with its type, to be kept in `pages`; a listing's links
/// to its site's stories go back to the queue as fetch jobs.
///
/// ```swift
/// let output = try CleanStage().process(Document(input: Input(kind: .html, content: html)))
/// ```
public struct CleanStage: DocumentStage {
    public let name = StageName.clean
    /// Pages larger than this many bytes are not articles (and would cost the parser too much).
    public static let maxPageBytes = 16 << 20
    /// A body shorter than this many characters is not an article.
    public static let minBodyChars = 40
    /// Most links of one listing followed.
    public static let maxFollowedLinks = 100
    /// Tells articles from other pages; nil makes every page an article (`stages.clean.every_page_an_article`).
    let pageTypes: PageTypeModel?

    public init(pageTypes: PageTypeModel?) { self.pageTypes = pageTypes }

    /// A clean stage with the shipped page-type model.
    public init() throws(PageTypeModel.ModelError) { try self.init(pageTypes: PageTypeModel.shipped.get()) }

    public func process(_ document: Document) throws(StageFailure) -> StageOutput {
        guard let page = document.page else { throw .permanent("nothing to clean: the document has no page or content") }
        guard page.body.utf8.count <= Self.maxPageBytes else {
            throw .permanent("not an article: the page is \(page.body.utf8.count) bytes, over the \(Self.maxPageBytes)-byte limit")
        }
        let address = page.finalURL ?? document.input.url
        var (record, type) = page.isHTML ? try cleanHTML(page.body, url: address, fetchedAt: page.fetchedAt) : (cleanText(page.body), nil)
        record.source = Self.fetchedFrom(document)
        record.url = Self.trustedURL(canonical: record.url, source: record.source) ?? address
        record.pageType = type?.type.rawValue
        record.pageTypeScore = type.map { ($0.score * 1000).rounded() / 1000 }
        if let type, type.type != .article {
            record.text = ""
            record.id = ArticleRecord.makeID(canonicalURL: record.url, text: page.body)
            var out = Self.lightened(document)
            out.record = record
            guard type.type == .listing, let base = address.flatMap(URL.init(string:)) else { return .next(out) }
            return .nextFollowing(out, links: ListingLinks.stories(in: page.body, base: base, limit: Self.maxFollowedLinks))
        }
        guard !CharacterCount.isShorter(record.text, than: Self.minBodyChars) else {
            throw .permanent("not an article: \(record.text.count) characters of body text found")
        }
        record.published = record.published ?? document.input.published
        record.language = record.language ?? LanguageGuesser.guess(record.text)
        record.id = ArticleRecord.makeID(canonicalURL: record.url, text: record.text)
        var out = Self.lightened(document)
        out.record = record
        return .next(out)
    }

    /// The raw page is not needed downstream: it is not carried through every hop.
    static func lightened(_ document: Document) -> Document {
        var out = document
        out.fetched = nil
        out.input.content = nil
        return out
    }

    /// The http(s) URL a fetched page came from; nil for inline content and files.
    static func fetchedFrom(_ document: Document) -> String? {
        guard document.input.kind == .url, let final = document.fetched?.finalURL ?? document.input.url,
              let scheme = URL(string: final)?.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        return final
    }

    /// The page's canonical URL when it may name the article: a fetched page's canonical must be on the
    /// registrable domain it was fetched from, or any site could claim another's article id
    /// (`SecurityTests.canonicalTakeover`, `RegistrableDomainTests`). An inline page's stands unchecked: the
    /// store keeps it from replacing a fetched article.
    static func trustedURL(canonical: String?, source: String?) -> String? {
        guard let canonical else { return nil }
        guard let source, let from = URL(string: source) else { return canonical }
        guard let to = URL(string: canonical, relativeTo: from)?.absoluteURL,
              ["http", "https"].contains(to.scheme?.lowercased() ?? ""), RegistrableDomain.same(from, to) else { return nil }
        return to.absoluteString
    }

    private func cleanHTML(_ html: String, url: String?, fetchedAt: Double?) throws(StageFailure) -> (ArticleRecord, (type: PageType, score: Double)?) {
        let reading: FeatureReading = pageTypes.map { .weighed($0) } ?? .none
        guard let (metadata, paragraphs, features) = Self.read(html, url: url, fetchedAt: fetchedAt, features: reading) else {
            throw .permanent("not an article: the page does not parse as HTML")
        }
        var body = paragraphs
        if let structured = metadata.articleBody.map(StructuredText.paragraphs), CharacterCount.of(structured.joined()) > CharacterCount.of(body.joined()) {
            // Structured data holds the whole body where the markup hides it (paywalls, lazy loading).
            body = structured
        }
        if let title = metadata.title, body.first == title { body.removeFirst() }
        let record = ArticleRecord(id: "", url: metadata.canonicalURL, site: metadata.site, title: metadata.title,
                                   authors: metadata.authors, published: metadata.published, language: metadata.language,
                                   text: body.joined(separator: "\n\n"))
        guard let pageTypes, let features else { return (record, nil) }
        return (record, pageTypes.classify(features))
    }

    /// The features the page-type model reads of `html` (for training it: `pressline-train-pagetype`).
    public static func pageFeatures(html: String, url: String?) -> [String: Double]? {
        read(html, url: url, fetchedAt: nil, features: .everyWord)?.features?.values
    }

    /// Which page-type features a reading takes.
    private enum FeatureReading {
        /// None: page types are off.
        case none
        /// Those of a model: its words only, and only when the rest leaves the type open.
        case weighed(PageTypeModel)
        /// Every word, for the trainer to choose from.
        case everyWord
    }

    /// One reading of a page, shared by cleaning and training: its metadata, the extractor's paragraphs and,
    /// when asked, the page-type features (taken before the extractor prunes the tree).
    private static func read(_ html: String, url: String?, fetchedAt: Double?, features reading: FeatureReading)
        -> (metadata: PageMetadata, paragraphs: [String], features: PageFeatures?)? {
        guard let parsed = HTMLDocument(html: html), let root = parsed.root else { return nil }
        // The nodes live as long as `parsed`: held to the end, past its last use by name.
        return withExtendedLifetime(parsed) {
            let metadata = PageMetadata(root: root, fetchedAt: fetchedAt)
            let pageURL = url ?? metadata.canonicalURL
            if case .none = reading { return (metadata, BodyExtractor().paragraphs(in: root), nil) }
            var features = PageFeatures(root: root, url: pageURL, metadata: metadata)
            let paragraphs = BodyExtractor().paragraphs(in: root)
            features.addBody(paragraphs, metadata: metadata)
            // The words are read while the document holds the text, or not at all.
            switch reading {
            case .weighed(let model) where model.decidedByStructure(features): features.skipWords()
            case .weighed(let model): features.readWords(model.vocabulary)
            case .everyWord, .none: features.readWords(nil)
            }
            return (metadata, paragraphs, features)
        }
    }

    private func cleanText(_ text: String) -> ArticleRecord {
        let cleaned = PlainTextCleaner().clean(text)
        return ArticleRecord(id: "", site: cleaned.site, title: cleaned.title, authors: cleaned.authors,
                             text: cleaned.paragraphs.joined(separator: "\n\n"))
    }
}

extension Fetched {
    /// True when the body is parsed as HTML (XHTML included); anything else is read as plain text.
    var isHTML: Bool { contentType.contains("html") || contentType.contains("xml") }
}
