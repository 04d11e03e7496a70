import Foundation
import Testing
@testable import PresslineCore

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
    }

    @Test("article ids come from the canonical URL, else the text")
    func articleIDs() {
        #expect(ArticleID.make(canonicalURL: "https://x.example/a", text: "one") == ArticleID.make(canonicalURL: "https://x.example/a", text: "two"))
        #expect(ArticleID.make(canonicalURL: nil, text: "one").hasPrefix("t-"))
        #expect(ArticleID.make(canonicalURL: "file:///tmp/a.txt", text: "one") == ArticleID.make(canonicalURL: nil, text: "one"))
    }
}
