import Foundation
import Testing
@testable import PresslineCore
@testable import PresslineJSON

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
        let work = (0..<3).map { Envelope(Header(.work, job: "j-\($0)", stage: "clean", attempt: 1), payload: Data("{}".utf8)) }
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

    @Test("payload decoding names the expected type")
    func payload() throws {
        let envelope = Envelope(Header(.submit), payload: Data(#"{"kind":"video"}"#.utf8))
        #expect {
            _ = try envelope.decodePayload(Input.self)
        } throws: { "\($0)".contains("SUBMIT payload is not a Input") }
    }

    @Test("SHA-256 matches the FIPS test vectors")
    func sha256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8)).hasPrefix("41edece42d63e8d9bf515a9ba6932e1c"))
        #expect(SHA256.hex("abc".utf8) == SHA256.hex(Array("abc".utf8)))
    }

    /// Digests from Python's hashlib of the bytes (i × 7 + 3) mod 256, at the lengths where the padding
    /// changes shape (one last block or two) and over many blocks.
    @Test("SHA-256 agrees with hashlib around every block boundary", arguments: [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (1, "084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5"),
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (57, "35df609437dcfea3279283ab79fd554e2bf78f8f7ae2de532d8ee300b09e8f73"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (127, "a8d23e75d936f303d248888d9b165ee543f4cbafcad3c9dd2a79bd84faa11d07"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
        (129, "307f8fc2c1622b92762e818d39a185d4d667ad49a4b07ceae1f4afa008a93ec4"),
        (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
        (10000, "6e97d8601cb17906a4819e0fcc8d03150d3e4331353ecaa516c0084cadad54dd"),
    ])
    func sha256Boundaries(length: Int, expected: String) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        #expect(SHA256.hex(bytes) == expected)
    }

    @Test("article ids come from the canonical URL, else the text")
    func articleIDs() {
        #expect(ArticleID.make(canonicalURL: "https://x.example/a", text: "one") == ArticleID.make(canonicalURL: "https://x.example/a", text: "two"))
        #expect(ArticleID.make(canonicalURL: nil, text: "one").hasPrefix("t-"))
        #expect(ArticleID.make(canonicalURL: "file:///tmp/a.txt", text: "one") == ArticleID.make(canonicalURL: nil, text: "one"))
        // Pinned (Python's hashlib): stored articles keep their ids whatever computes the digest.
        #expect(ArticleID.make(canonicalURL: "https://example.com/a", text: "x") == "u-2dce0a4c50441bfc")
        #expect(ArticleID.make(canonicalURL: nil, text: "The harbour board met on Monday.") == "t-05e44c43b14e6301")
    }

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
}
