import Foundation
import Testing
@testable import PresslineCore
@testable import PresslineJSON
@testable import PresslineWire

@Suite("Wire protocol")
struct WireTests {
    @Test("headers round-trip")
    func roundTrip() throws {
        var header = Header(.failed, job: "j-1", stage: "clean", attempt: 2)
        header.error = "not an article"
        header.permanent = true
        let back = try Header.decode(header.encoded())
        #expect(back == header)
    }

    @Test("other versions, garbage and extra frames are refused with a reason")
    func refusals() throws {
        #expect(throws: ProtocolError.wrongVersion(9)) { try Header.decode(Data(#"{"v":9,"type":"STATUS"}"#.utf8)) }
        #expect(throws: ProtocolError.self) { try Header.decode(Data("not json".utf8)) }
        #expect(throws: ProtocolError.self) { try Header.decode(Data(#"{"v":1,"type":"EXPLODE"}"#.utf8)) }
        #expect(throws: ProtocolError.self) { try Header.decode(Data()) }
        let frames = [try Header(.status).encoded(), Data(), Data()]
        #expect(throws: ProtocolError.self) { try Envelope.parse(frames[...]) }
    }

    @Test("a batch carries envelopes in header/payload pairs; one envelope keeps the plain form; a bad header costs only itself")
    func batches() throws {
        let work = (0..<3).map { Envelope(Header(.work, job: JobID(rawValue: "j-\($0)"), stage: "clean", attempt: 1), payload: Data("{}".utf8)) }
        let done = Envelope(Header(.done, job: "j-9", stage: "store", attempt: 1))
        #expect(try Envelope.frames(of: [done]).count == 1)
        let frames = try Envelope.frames(of: work + [done])
        #expect(frames.count == 8)
        let parsed = try Envelope.parseAll(frames[...]).map { try $0.get() }
        #expect(parsed.map(\.header.job) == ["j-0", "j-1", "j-2", "j-9"])
        #expect(parsed.map(\.payload) == [Data("{}".utf8), Data("{}".utf8), Data("{}".utf8), nil])
        var broken = frames
        broken[2] = Data("not json".utf8)
        let results = try Envelope.parseAll(broken[...])
        #expect(results.map { (try? $0.get())?.header.job } == ["j-0", nil, "j-2", "j-9"])
        #expect(throws: ProtocolError.self) { try Envelope.parseAll(frames.dropLast()) }
        // Batches stop at the envelope limit.
        let many = Array(repeating: done, count: WireProtocol.maxBatchEnvelopes * 2 + 1)
        #expect(Envelope.batches(many).map(\.count) == [WireProtocol.maxBatchEnvelopes, WireProtocol.maxBatchEnvelopes, 1])
    }

    @Test("a URL's job id is its normal form's digest, pinned so a resend after an upgrade is still the same job")
    func urlJobIDs() {
        // Python: "url-" + hashlib.sha256(b"https://example.com/a").hexdigest()[:32]
        #expect(JobID.forURL("https://example.com/a") == "url-2dce0a4c50441bfccfa9caf4b58c3cba")
        #expect(JobID.unique() != JobID.unique())
    }

    @Test("payload decoding names the expected type")
    func payload() throws {
        let envelope = Envelope(Header(.submit), payload: Data(#"{"kind":"video"}"#.utf8))
        #expect {
            _ = try envelope.readPayload(Input.self)
        } throws: { "\($0)".contains("SUBMIT payload is not a Input") }
    }

    /// Digests from Python's hashlib of the bytes (i × 7 + 3) mod 256, at the lengths where the padding

    /// changes shape (one last block or two) and over many blocks.

    @Test("a page travels as an attachment after its Input's JSON and comes back as the document's content")
    func attachment() throws {
        let page = "<p>Grüße, “quoted”\nand a \\ backslash</p>"
        let payload = PayloadAttachment.submission(Input(kind: .html, content: page, name: "a.html"))
        let (json, attachment) = PayloadAttachment.split(payload)
        #expect(String(decoding: json, as: UTF8.self) == #"{"kind":"html","name":"a.html"}"#)
        #expect(attachment.map { Array($0) } == Array(page.utf8))
        // A Document as the queue hands it to the entry stage: the Input wrapped, the attachment after it.
        let work = PayloadAttachment.join(json: Data(#"{"input":"#.utf8) + json + Data("}".utf8), attachment: attachment!)
        let document = try PayloadAttachment.document(from: work)
        #expect(document.input.content == page && document.input.name == "a.html")
        // Plain JSON, with no NUL, is read as before.
        let plain = Data(JSONWriter.encode(Document(input: Input(kind: .text, content: "Plain."))))
        #expect(PayloadAttachment.split(plain).attachment == nil)
        #expect(try PayloadAttachment.document(from: plain).input.content == "Plain.")
        #expect(PayloadAttachment.submission(Input(kind: .url, url: "https://a.example/")) == Data(JSONWriter.encode(Input(kind: .url, url: "https://a.example/"))))
        // Bytes that are not UTF-8 are repaired as String(decoding:) repairs them.
        let repaired = try PayloadAttachment.document(from: PayloadAttachment.join(json: Data(#"{"input":{"kind":"text"}}"#.utf8), attachment: [0x41, 0xFF, 0x42]))
        #expect(repaired.input.content == String(decoding: [0x41, 0xFF, 0x42] as [UInt8], as: UTF8.self))
    }

    @Test("headers: every field read back as written and as Foundation's JSONSerialization reads it; a wrong type, version or shape is a protocol error")
    func headers() throws {
        var header = Header(.failed, job: "j-1", stage: "clean", attempt: 2)
        (header.trace, header.credit, header.error, header.permanent, header.unavailable, header.retry, header.article) =
            ("t-1", 4, "disk \"full\"", false, true, true, "u-2")
        #expect(try Header.decode(header.encoded()) == header)
        // What the writer makes, any JSON reader reads the same (the header is what a pyzmq client parses).
        func foundation(_ header: Header) throws -> [String: Any] {
            try #require(JSONSerialization.jsonObject(with: header.encoded()) as? [String: Any])
        }
        let read = try foundation(header)
        #expect(Set(read.keys) == ["v", "type", "ts", "job", "stage", "attempt", "trace", "credit", "error", "permanent", "unavailable", "retry", "article"])
        #expect(read["type"] as? String == "FAILED" && read["error"] as? String == "disk \"full\"" && read["credit"] as? Int == 4)
        #expect(read["permanent"] as? Bool == false && read["retry"] as? Bool == true && read["job"] as? String == "j-1")
        header.ts = 1_764_398_400.123_456
        #expect(try foundation(header)["ts"] as? Double == 1_764_398_400.123_456)
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
