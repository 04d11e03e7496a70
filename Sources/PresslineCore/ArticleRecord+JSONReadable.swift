import PresslineJSON
// Each type requires the members its writer always writes and skips members it does not know, so a record
// written by a later version still reads; `JSONReaderTests` reads back what the writer wrote.

extension ArticleRecord: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var record = ArticleRecord(id: "", text: "")
        var required: Set<String> = ["id", "authors", "text", "people", "organizations", "places", "mentions", "quotes", "dates", "keywords"]
        try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
            required.remove(key)
            switch key {
            case "id": record.id = try member.string()
            case "url": record.url = try member.optionalString()
            case "site": record.site = try member.optionalString()
            case "source": record.source = try member.optionalString()
            case "title": record.title = try member.optionalString()
            case "authors": record.authors = try member.strings()
            case "published": record.published = try member.optionalString()
            case "language": record.language = try member.optionalString()
            case "entities_skipped": record.entitiesSkipped = try member.optionalString()
            case "text": record.text = try member.string()
            case "people": record.people = try member.values(Person.self)
            case "organizations": record.organizations = try member.values(NamedEntity.self)
            case "places": record.places = try member.values(NamedEntity.self)
            case "mentions": record.mentions = try member.values(Mention.self)
            case "quotes": record.quotes = try member.values(Quote.self)
            // Not required: records stored before fragments existed have none.
            case "fragments": record.fragments = try member.values(Quote.self)
            case "dates": record.dates = try member.values(DateMention.self)
            case "keywords": record.keywords = try member.strings()
            case "summary": record.summary = try member.optionalString()
            case "page_type": record.pageType = try member.optionalString()
            case "page_type_score": record.pageTypeScore = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.double() }
            default: try member.skipValue()
            }
        }
        if let key = required.sorted().first { throw reader.missing(key, in: "ArticleRecord") }
        self = record
    }
}

extension Person: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var name: String?, roles: [String]?, mentions: Int?
        try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
            switch key {
            case "name": name = try member.string()
            case "roles": roles = try member.strings()
            case "mentions": mentions = try member.integer()
            default: try member.skipValue()
            }
        }
        guard let name else { throw reader.missing("name", in: "Person") }
        guard let roles else { throw reader.missing("roles", in: "Person") }
        guard let mentions else { throw reader.missing("mentions", in: "Person") }
        self.init(name: name, roles: roles, mentions: mentions)
    }
}

extension NamedEntity: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var name: String?, mentions: Int?
        try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
            switch key {
            case "name": name = try member.string()
            case "mentions": mentions = try member.integer()
            default: try member.skipValue()
            }
        }
        guard let name else { throw reader.missing("name", in: "NamedEntity") }
        guard let mentions else { throw reader.missing("mentions", in: "NamedEntity") }
        self.init(name: name, mentions: mentions)
    }
}

extension Mention: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var text: String?, start: Int?, end: Int?, type: EntityType?, entity: String?
        try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
            switch key {
            case "text": text = try member.string()
            case "start": start = try member.integer()
            case "end": end = try member.integer()
            case "type": type = try member.enumeration(EntityType.self, what: "entity type")
            case "entity": entity = try member.string()
            default: try member.skipValue()
            }
        }
        guard let text else { throw reader.missing("text", in: "Mention") }
        guard let start else { throw reader.missing("start", in: "Mention") }
        guard let end else { throw reader.missing("end", in: "Mention") }
        guard let type else { throw reader.missing("type", in: "Mention") }
        guard let entity else { throw reader.missing("entity", in: "Mention") }
        self.init(text: text, start: start, end: end, type: type, entity: entity)
    }
}

extension Quote: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var text: String?, start: Int?, end: Int?
        var quote = Quote(text: "", start: 0, end: 0)
        try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
            switch key {
            case "text": text = try member.string()
            case "start": start = try member.integer()
            case "end": end = try member.integer()
            case "speaker": quote.speaker = try member.optionalString()
            case "speaker_start": quote.speakerStart = try member.optionalInteger()
            case "speaker_end": quote.speakerEnd = try member.optionalInteger()
            case "medium": quote.medium = try member.optionalString()
            default: try member.skipValue()
            }
        }
        guard let text else { throw reader.missing("text", in: "Quote") }
        guard let start else { throw reader.missing("start", in: "Quote") }
        guard let end else { throw reader.missing("end", in: "Quote") }
        (quote.text, quote.start, quote.end) = (text, start, end)
        self = quote
    }
}

extension DateMention: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var text: String?, start: Int?, end: Int?, value: String?
        try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
            switch key {
            case "text": text = try member.string()
            case "start": start = try member.integer()
            case "end": end = try member.integer()
            case "value": value = try member.optionalString()
            default: try member.skipValue()
            }
        }
        guard let text else { throw reader.missing("text", in: "DateMention") }
        guard let start else { throw reader.missing("start", in: "DateMention") }
        guard let end else { throw reader.missing("end", in: "DateMention") }
        self.init(text: text, start: start, end: end, value: value)
    }
}

extension Document: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var input: Input?, fetched: Fetched?, record: ArticleRecord?
        try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
            switch key {
            case "input": input = try Input(json: &member)
            case "fetched": fetched = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try Fetched(json: &value) }
            case "record": record = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try ArticleRecord(json: &value) }
            default: try member.skipValue()
            }
        }
        guard let input else { throw reader.missing("input", in: "Document") }
        self.init(input: input, fetched: fetched, record: record)
    }
}

extension Input: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var kind: Kind?
        var input = Input(kind: .text)
        try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
            switch key {
            case "kind": kind = try member.enumeration(Kind.self, what: "input kind")
            case "url": input.url = try member.optionalString()
            case "content": input.content = try member.optionalString()
            case "name": input.name = try member.optionalString()
            case "published": input.published = try member.optionalString()
            case "fetchedAt": input.fetchedAt = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.double() }
            default: try member.skipValue()
            }
        }
        guard let kind else { throw reader.missing("kind", in: "Input") }
        input.kind = kind
        self = input
    }
}

extension Fetched: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var body: String?, contentType: String?, finalURL: String?, status: Int?, crawlDelay: Double?, fetchedAt: Double?
        try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
            switch key {
            case "body": body = try member.string()
            case "contentType": contentType = try member.string()
            case "finalURL": finalURL = try member.optionalString()
            case "status": status = try member.integer()
            case "crawlDelay": crawlDelay = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.double() }
            case "fetchedAt": fetchedAt = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.double() }
            default: try member.skipValue()
            }
        }
        guard let body else { throw reader.missing("body", in: "Fetched") }
        guard let contentType else { throw reader.missing("contentType", in: "Fetched") }
        guard let status else { throw reader.missing("status", in: "Fetched") }
        self.init(body: body, contentType: contentType, finalURL: finalURL, status: status)
        self.crawlDelay = crawlDelay
        self.fetchedAt = fetchedAt
    }
}
