import Foundation
import PresslineCore

/// HTML or plain text → the article: body paragraphs and metadata, in ``Document/record``.
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

    public init() {}

    public func process(_ document: Document) throws(StageFailure) -> StageOutput {
        guard let page = document.page else { throw .permanent("nothing to clean: the document has no page or content") }
        guard page.body.utf8.count <= Self.maxPageBytes else {
            throw .permanent("not an article: the page is \(page.body.utf8.count) bytes, over the \(Self.maxPageBytes)-byte limit")
        }
        var record = page.isHTML ? try cleanHTML(page.body) : cleanText(page.body)
        guard !CharacterCount.isShorter(record.text, than: Self.minBodyChars) else {
            throw .permanent("not an article: \(record.text.count) characters of body text found")
        }
        record.source = Self.fetchedFrom(document)
        record.url = Self.trustedURL(canonical: record.url, source: record.source) ?? page.finalURL ?? document.input.url
        record.published = record.published ?? document.input.published
        record.language = record.language ?? LanguageGuesser.guess(record.text)
        record.id = ArticleID.make(canonicalURL: record.url, text: record.text)
        var out = document
        out.record = record
        // The raw page is not needed downstream: do not carry it through every hop.
        out.fetched = nil
        out.input.content = nil
        return .next(out)
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

    private func cleanHTML(_ html: String) throws(StageFailure) -> ArticleRecord {
        guard let parsed = HTMLDocument(html: html), let root = parsed.root else {
            throw .permanent("not an article: the page does not parse as HTML")
        }
        let metadata = PageMetadata(root: root)
        var paragraphs = BodyExtractor().paragraphs(in: root)
        if let body = metadata.articleBody.map(StructuredText.paragraphs), CharacterCount.of(body.joined()) > CharacterCount.of(paragraphs.joined()) {
            // Structured data holds the whole body where the markup hides it (paywalls, lazy loading).
            paragraphs = body
        }
        if let title = metadata.title, paragraphs.first == title { paragraphs.removeFirst() }
        return ArticleRecord(id: "", url: metadata.canonicalURL, site: metadata.site, title: metadata.title,
                             authors: metadata.authors, published: metadata.published, language: metadata.language,
                             text: paragraphs.joined(separator: "\n\n"))
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
