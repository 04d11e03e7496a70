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
        return record
    }

    func foundation(_ value: some Encodable) throws -> [UInt8] { Array(try JSON.encoder.encode(value)) }

    @Test("records, documents and their parts come out byte for byte as Foundation's sorted-key encoder writes them")
    func sameBytes() throws {
        let full = Self.fullRecord
        let empty = ArticleRecord(id: "", text: "")
        for record in [full, empty] {
            #expect(JSONWriter.encode(record) == (try foundation(record)), "\(String(decoding: JSONWriter.encode(record), as: UTF8.self))")
        }
        let documents = [
            Document(input: Input(kind: .html, url: "file:///a.html", content: "<p>x</p>", name: "a.html", published: "2025-01-02"),
                     fetched: Fetched(body: "<p>\"x\"</p>", contentType: "text/html", finalURL: "https://e.org/", status: 200), record: full),
            Document(input: Input(kind: .url, url: "https://e.org/")),
        ]
        for document in documents {
            #expect(JSONWriter.encode(document) == (try foundation(document)), "\(String(decoding: JSONWriter.encode(document), as: UTF8.self))")
        }
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

    @Test("what the writer writes decodes back to the same value")
    func roundTrip() throws {
        let record = Self.fullRecord
        #expect(try JSON.decoder.decode(ArticleRecord.self, from: Data(JSONWriter.encode(record))) == record)
    }
}

@Suite("JSON reader")
struct JSONReaderTests {
    @Test("reads back what Foundation writes: records and documents, every escape, nulls, unknown members skipped")
    func readsFoundation() throws {
        let record = JSONWriterTests.fullRecord
        #expect(try JSONReader.decode(ArticleRecord.self, from: JSON.encoder.encode(record)) == record)
        let document = Document(input: Input(kind: .html, url: "file:///a.html", content: "<p>x</p>", name: "a.html", published: "2025-01-02"),
                                fetched: Fetched(body: "<p>\"x\"</p>", contentType: "text/html", finalURL: nil, status: 200), record: record)
        #expect(try JSONReader.decode(Document.self, from: JSON.encoder.encode(document)) == document)
        let odd = #"""
            { "input" : {"kind":"text","content":"A \u00e9 \ud83d\ude00 \/ \" \\ \n","future":[1,{"a":null},true,-2.5e3]},
              "fetched": null, "record": null, "extra": "ignored" }
            """#
        let read = try JSONReader.decode(Document.self, from: Array(odd.utf8))
        #expect(read == (try JSON.decoder.decode(Document.self, from: Data(odd.utf8))))
        #expect(read.input.content == "A é 😀 / \" \\ \n")
    }

    @Test("malformed input is an error with its offset, never a crash: every truncation, wrong types, missing members")
    func malformed() throws {
        let bytes = Array(try JSON.encoder.encode(JSONWriterTests.fullRecord))
        for length in 0..<bytes.count {
            #expect(throws: JSONReadError.self) { try JSONReader.decode(ArticleRecord.self, from: bytes[0..<length]) }
        }
        for bad in [#"{"id":"x"}"#, #"{"id":1,"text":""}"#, #"[]"#, #"{"kind":"text"} x"#, #"{"input":{"kind":"fax"}}"#,
                    #"{"input":{"kind":"text","content":"\ud800"}}"#, "{\"input\":{\"kind\":\"text\",\"content\":\"a\u{1}\"}}"] {
            #expect(throws: JSONReadError.self, "\(bad)") { try JSONReader.decode(Document.self, from: Array(bad.utf8)) }
        }
        #expect(throws: JSONReadError.self) { try JSONReader.decode(ArticleRecord.self, from: Array(#"{"id":"x","text":""}"#.utf8)) }
    }

    @Test("headers: every field read back as Foundation wrote it; a wrong type, version or shape is a protocol error")
    func headers() throws {
        var header = Header(.failed, job: "j-1", stage: "clean", attempt: 2)
        (header.trace, header.credit, header.error, header.permanent, header.unavailable, header.retry, header.article) =
            ("t-1", 4, "disk \"full\"", false, true, true, "u-2")
        #expect(try Header.decode(header.encoded()) == header)
        // What the writer makes, any JSON reader reads the same (the header is what a pyzmq client parses).
        #expect(try JSON.decoder.decode(Header.self, from: header.encoded()) == header)
        header.ts = 1_764_398_400.123_456
        #expect(try JSON.decoder.decode(Header.self, from: header.encoded()).ts == 1_764_398_400.123_456)
        header.ts = 1_764_398_400
        #expect(String(decoding: try header.encoded(), as: UTF8.self).contains("\"ts\":1764398400,"))
        #expect(try Header.decode(Header(.heartbeat).encoded()).type == .heartbeat)
        #expect(try Header.decode(Data(#"{"v":1,"type":"STATUS","ts":17643e5,"future":{"x":[1,2]}}"#.utf8)).ts == 1_764_300_000)
        for bad in [#"{"v":1,"type":"NOPE"}"#, #"{"type":"STATUS"}"#, #"{"v":1,"type":"STATUS","retry":"yes"}"#, #"[1]"#, "{"] {
            #expect(throws: ProtocolError.self, "\(bad)") { try Header.decode(Data(bad.utf8)) }
        }
        #expect(throws: ProtocolError.wrongVersion(9)) { try Header.decode(Data(#"{"v":9,"type":"STATUS"}"#.utf8)) }
    }
}
