import Foundation
import Testing
@testable import PresslineCore
@testable import PresslineJSON

@Suite("JSON writer")
struct JSONWriterTests {
    /// A record with every field set, and text that needs every kind of escape.
    static var fullRecord: ArticleRecord {
        var record = ArticleRecord(id: "u-1", url: "https://example.org/a/b?x=1&y=2", site: "The \"Ledger\"", title: "Café — “quoted” \\ title",
                                   authors: ["Ana Ruiz", "Tom O’Brien"], published: "2025-03-01", language: "en",
                                   text: "Line one.\nLine\ttwo \u{0001}\u{001F} \r\u{0008}\u{000C} 😀 naïve / slash \u{2028}\u{2029}\u{007F}")
        record.people = [Person(name: "Mark Rutte", roles: ["NATO Secretary General", "former prime minister"], mentions: 4), Person(name: "X", mentions: 1)]
        record.organizations = [NamedEntity(name: "NATO", mentions: 2)]
        record.places = [NamedEntity(name: "Kyiv", mentions: 1)]
        record.mentions = [Mention(text: "Rutte", start: 3, end: 8, type: .person, entity: "Mark Rutte"),
                           Mention(text: "March 1", start: 10, end: 17, type: .date, entity: "2025-03-01")]
        record.quotes = [Quote(text: "We are \"close\"", start: 20, end: 36, speaker: "Mark Rutte", speakerStart: 3, speakerEnd: 8, medium: "BBC"),
                         Quote(text: "alone", start: 40, end: 47)]
        record.fragments = [Quote(text: "unfortunate.", start: 60, end: 74, speaker: "Mark Rutte")]
        record.dates = [DateMention(text: "March 1", start: 10, end: 17, value: "2025-03-01"), DateMention(text: "then", start: 50, end: 54, value: nil)]
        record.keywords = ["nato", "ukraine"]
        record.summary = "A summary."
        record.source = "https://example.org/canonical"
        record.pageType = "article"
        record.pageTypeScore = 0.973
        record.entitiesSkipped = "no entity model for language 'de'"
        return record
    }

    func foundation(_ value: some Encodable) throws -> [UInt8] { Array(try JSON.encoder.encode(value)) }

    /// What Foundation's JSONSerialization makes of `bytes` when it writes them again with sorted keys: the
    /// same bytes when the writer's output is canonical (sorted keys, Foundation's escapes, nils left out).
    func reserialized(_ bytes: [UInt8]) throws -> [UInt8] {
        let value = try JSONSerialization.jsonObject(with: Data(bytes))
        return Array(try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// The names of the stored properties of `value` and of the values nested in it (arrays and optionals
    /// included).
    func propertyNames(of value: Any) -> Set<String> {
        let mirror = Mirror(reflecting: value)
        var names = Set<String>()
        for child in mirror.children {
            if let label = child.label, mirror.displayStyle == .struct { names.insert(label) }
            names.formUnion(propertyNames(of: child.value))
        }
        return names
    }

    /// Every key of every object in `json`.
    func jsonKeys(_ json: Any) -> Set<String> {
        if let object = json as? [String: Any] { return Set(object.keys).union(object.values.flatMap { jsonKeys($0) }) }
        if let array = json as? [Any] { return Set(array.flatMap { jsonKeys($0) }) }
        return []
    }

    @Test("records and documents: every stored property written, sorted and escaped as Foundation writes them")
    func canonicalAndComplete() throws {
        let full = Self.fullRecord
        var fetched = Fetched(body: "<p>\"x\"</p>", contentType: "text/html", finalURL: "https://e.org/", status: 200)
        fetched.crawlDelay = 2.5
        fetched.fetchedAt = 1_796_434_200.25
        var input = Input(kind: .html, url: "file:///a.html", content: "<p>x</p>", name: "a.html", published: "2025-01-02")
        input.fetchedAt = 1_796_434_100
        let document = Document(input: input, fetched: fetched, record: full)
        #expect(try JSONReader.decode(Document.self, from: JSONWriter.encode(document)) == document)
        for bytes in [JSONWriter.encode(full), JSONWriter.encode(ArticleRecord(id: "", text: "")), JSONWriter.encode(document),
                      JSONWriter.encode(Document(input: Input(kind: .url, url: "https://e.org/")))] {
            #expect(try reserialized(bytes) == bytes, "\(String(decoding: bytes, as: UTF8.self))")
        }
        // A field added to a type and not to its writer fails here (Quote's speaker span is snake_case on the wire).
        let written = jsonKeys(try JSONSerialization.jsonObject(with: Data(JSONWriter.encode(document))))
        let missing = propertyNames(of: document).filter { name in
            !written.contains(name) && !written.contains(name.replacing(/([a-z])([A-Z])/) { "\($0.1)_\($0.2.lowercased())" })
        }
        #expect(missing.isEmpty, "not written: \(missing)")
    }

    @Test("lists of strings (the store's authors, roles and keywords columns) as Foundation writes them")
    func stringLists() throws {
        for list in [[], ["Ana Ruiz"], Self.fullRecord.authors + [Self.fullRecord.title ?? "", Self.fullRecord.text]] {
            #expect(JSONWriter.encode(list) == (try foundation(list)))
        }
    }

    @Test("strings: each byte that needs escaping, at every offset of the eight-byte scan and between long plain runs")
    func escapesAtEveryOffset() throws {
        let specials: [Character] = ["\"", "\\", "\n", "\t", "\u{0001}", "\u{001F}"]
        for special in specials {
            for offset in 0..<20 {
                let text = String(repeating: "é", count: offset / 2) + String(repeating: "a", count: offset % 2) + String(special)
                    + String(repeating: "plain text ", count: 3) + String(special) + "z"
                var writer = JSONWriter()
                writer.string(text)
                #expect(writer.bytes == (try foundation(text)), "\(special.unicodeScalars.first!.value) at \(offset)")
                var reader = JSONReader(writer.bytes)
                #expect(try reader.string() == text)
            }
        }
        // A raw control character inside a string is an error wherever it stands.
        for offset in 0..<20 {
            var reader = JSONReader(Array(("\"" + String(repeating: "b", count: offset) + "\u{0002}\"").utf8))
            #expect(throws: JSONReadError.self) { try reader.string() }
        }
    }

    @Test("what the writer writes reads back to the same value")
    func roundTrip() throws {
        let record = Self.fullRecord
        #expect(try JSONReader.decode(ArticleRecord.self, from: JSONWriter.encode(record)) == record)
    }
}

@Suite("JSON reader")
struct JSONReaderTests {
    /// `bytes` as Foundation's JSONSerialization writes them again: indented, its own escapes.
    func foundation(_ bytes: [UInt8]) throws -> Data {
        try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(bytes)), options: [.prettyPrinted])
    }

    @Test("reads back what Foundation writes: records and documents, every escape, nulls, unknown members skipped")
    func readsFoundation() throws {
        let record = JSONWriterTests.fullRecord
        #expect(try JSONReader.decode(ArticleRecord.self, from: foundation(JSONWriter.encode(record))) == record)
        let document = Document(input: Input(kind: .html, url: "file:///a.html", content: "<p>x</p>", name: "a.html", published: "2025-01-02"),
                                fetched: Fetched(body: "<p>\"x\"</p>", contentType: "text/html", finalURL: nil, status: 200), record: record)
        #expect(try JSONReader.decode(Document.self, from: foundation(JSONWriter.encode(document))) == document)
        let odd = #"""
            { "input" : {"kind":"text","content":"A \u00e9 \ud83d\ude00 \/ \" \\ \n","future":[1,{"a":null},true,-2.5e3]},
              "fetched": null, "record": null, "extra": "ignored" }
            """#
        let read = try JSONReader.decode(Document.self, from: Array(odd.utf8))
        #expect(read == Document(input: Input(kind: .text, content: "A é 😀 / \" \\ \n")))
        #expect(read.input.content == "A é 😀 / \" \\ \n")
    }

    @Test("malformed input is an error with its offset, never a crash: every truncation, wrong types, missing members")
    func malformed() throws {
        let bytes = JSONWriter.encode(JSONWriterTests.fullRecord)
        for length in 0..<bytes.count {
            #expect(throws: JSONReadError.self) { try JSONReader.decode(ArticleRecord.self, from: bytes[0..<length]) }
        }
        for bad in [#"{"id":"x"}"#, #"{"id":1,"text":""}"#, #"[]"#, #"{"kind":"text"} x"#, #"{"input":{"kind":"fax"}}"#,
                    #"{"input":{"kind":"text","content":"\ud800"}}"#, "{\"input\":{\"kind\":\"text\",\"content\":\"a\u{1}\"}}"] {
            #expect(throws: JSONReadError.self, "\(bad)") { try JSONReader.decode(Document.self, from: Array(bad.utf8)) }
        }
        #expect(throws: JSONReadError.self) { try JSONReader.decode(ArticleRecord.self, from: Array(#"{"id":"x","text":""}"#.utf8)) }
    }
}
