import PresslineCore

/// Clean article → people with roles, organizations, places, dates, quotes, keywords and a summary.
///
/// ```swift
/// let output = try ExtractStage().process(document)   // document.record set by clean
/// ```
public struct ExtractStage: DocumentStage {
    public let name = StageName.extract
    /// Sentences in the extractive summary.
    static let summarySentences = 2
    /// Keywords kept.
    static let keywordCount = 8
    /// The languages the entity tagger was trained on and the quote rules written for. In another, German
    /// capitalised nouns become "people" and a phrase a quote's speaker, so entities are skipped rather than
    /// guessed (`ExtractStageTests.otherLanguages`); a text of unknown language is read as English.
    static let entityLanguages: Set<String> = ["en"]

    let tagger: EntityTagger

    /// Uses the shipped entity tagger; fails when its model cannot be loaded.
    public init() throws(EntityTagger.ModelError) {
        tagger = try EntityTagger.shipped.get()
    }

    public func process(_ document: Document) throws(StageFailure) -> StageOutput {
        guard var record = document.record else { throw .permanent("nothing to extract: the document has no clean record") }
        // A page that is no article (a listing, a product page) is only passed on, to be kept in `pages`.
        if let type = record.pageType, type != "article" { return .next(document) }
        extract(into: &record)
        var out = document
        out.record = record
        return .next(out)
    }

    /// Fills the extraction fields of `record` from its text.
    public func extract(into record: inout ArticleRecord) {
        let scalars = Array(record.text.unicodeScalars)
        let tokens = Tokenizer.tokenize(scalars)
        let quoteFinder = QuoteFinder()
        let spans = QuotationScanner.spans(scalars)
        let sentences = Tokenizer.sentences(tokens, scalars: scalars, quotes: spans)
        if let language = record.language, !Self.entityLanguages.contains(language) {
            record.entitiesSkipped = "no entity model for language '\(language)'"
            let quotes = quoteFinder.find(in: scalars, spans: spans, index: TextIndex(tokens: tokens, sentences: sentences),
                                            sentences: sentences, people: [], mentions: [])
            record.quotes = quotes.filter { !QuoteFinder.isFragment($0.text) }.map { quote in
                var quote = quote
                (quote.speaker, quote.speakerStart, quote.speakerEnd, quote.medium) = (nil, nil, nil, nil)
                return quote
            }
            record.dates = DateFinder().find(tokens, scalars: scalars, published: record.published)
            record.mentions = Self.mentions(of: record.dates)
            record.summary = summary(tokens: tokens, sentences: sentences, scalars: scalars)
            return
        }
        let found = EntityRecognizer(tagger: tagger).recognize(tokens, text: scalars, sentences: sentences)
        var roles = found.roles
        let nominals = NominalResolver().resolve(tokens, scalars: scalars, mentions: found.mentions, roles: roles)
        for nominal in nominals {
            if let role = nominal.role, !(roles[nominal.mention.entity] ?? []).contains(role) { roles[nominal.mention.entity, default: []].append(role) }
        }
        record.mentions = found.mentions
        record.people = tally(found.mentions, type: .person).map { Person(name: $0.name, roles: roles[$0.name] ?? [], mentions: $0.mentions) }
        record.organizations = tally(found.mentions, type: .org)
        record.places = tally(found.mentions, type: .loc)
        // Organisations speak too ("the commission said", "The New York Post reported").
        let speakers = (found.mentions.filter { $0.type == .person || $0.type == .org } + found.otherSpeakers + nominals.map(\.mention))
            .sorted { $0.start < $1.start }
        let index = TextIndex(tokens: tokens, sentences: sentences)
        let quotes = quoteFinder.find(in: scalars, spans: spans, index: index, sentences: sentences, people: speakers, mentions: found.mentions)
        (record.quotes, record.fragments) = ([], [])
        for quote in quotes {
            if QuoteFinder.isFragment(quote.text) { record.fragments.append(quote) } else { record.quotes.append(quote) }
        }
        record.dates = DateFinder().find(tokens, scalars: scalars, published: record.published)
        // Dates the tagger found and the date finder did not ("the 1980s", "25 July 2022" in odd forms):
        // kept as mentions without a value rather than guessed.
        let unvalued = found.dates.filter { span in !record.dates.contains { $0.start < span.upperBound && span.lowerBound < $0.end } }
        record.dates += unvalued.map { DateMention(text: String(scalars: scalars[$0]), start: $0.lowerBound, end: $0.upperBound, value: nil) }
        record.dates.sort { $0.start < $1.start }
        record.mentions += Self.mentions(of: record.dates)
        record.mentions.sort { $0.start < $1.start }
        record.keywords = keywords(record)
        record.summary = summary(tokens: tokens, sentences: sentences, scalars: scalars)
    }

    /// Dates as mentions of their value (or their words, when they have none).
    private static func mentions(of dates: [DateMention]) -> [Mention] {
        dates.map { Mention(text: $0.text, start: $0.start, end: $0.end, type: .date, entity: $0.value ?? $0.text) }
    }

    /// The first sentences, as the article's own summary.
    private func summary(tokens: [Token], sentences: [Range<Int>], scalars: [Unicode.Scalar]) -> String {
        sentences.prefix(Self.summarySentences).map { range in
            String(scalars: scalars[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end])
        }.joined(separator: " ")
    }

    private func tally(_ mentions: [Mention], type: EntityType) -> [NamedEntity] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for mention in mentions where mention.type == type {
            if counts[mention.entity] == nil { order.append(mention.entity) }
            counts[mention.entity, default: 0] += 1
        }
        return order.map { NamedEntity(name: $0, mentions: counts[$0]!) }.sorted { $0.mentions > $1.mentions }
    }

    /// The most mentioned entities: what the article is about, in its own words.
    private func keywords(_ record: ArticleRecord) -> [String] {
        let ranked = (record.people.map { ($0.name, $0.mentions) } + record.organizations.map { ($0.name, $0.mentions) }
                      + record.places.map { ($0.name, $0.mentions) }).sorted { $0.1 > $1.1 }
        return ranked.prefix(Self.keywordCount).map(\.0)
    }
}
