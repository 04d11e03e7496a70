import Foundation
import Testing
@testable import PresslineCore
@testable import PresslineJSON
@testable import PresslineWire

/// Hostile JSON, as a client or a peer could send it: each is refused with a reason, none crashes the reader.
@Suite("JSON reader against hostile input")
struct HostileJSONTests {
    static func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }

    @Test("nesting 100,000 deep in a header, a document and a submitted Input is refused, not a stack overflow")
    func deepNesting() throws {
        let deep = Self.nested(100_000)
        #expect(throws: ProtocolError.self) { try Header.decode(Data(#"{"v":1,"type":"STATUS","x":\#(deep)}"#.utf8)) }
        #expect(throws: JSONReadError.self) { try JSONReader.decode(Input.self, from: Array(#"{"kind":"text","content":"x","x":\#(deep)}"#.utf8)) }
        #expect(throws: JSONReadError.self) { try PayloadAttachment.document(from: Data(#"{"input":{"kind":"text","x":\#(deep)}}"#.utf8)) }
        let objects = String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        #expect(throws: ProtocolError.self) { try Header.decode(Data(#"{"v":1,"type":"STATUS","x":\#(objects)}"#.utf8)) }
    }

    @Test("nesting up to the limit is still read; one level more is refused with the limit named")
    func limit() throws {
        // The header is one level; an unknown member may nest the rest.
        let within = try Header.decode(Data(#"{"v":1,"type":"STATUS","x":\#(Self.nested(JSONReader.maxDepth - 1))}"#.utf8))
        #expect(within.type == .status)
        do {
            _ = try JSONReader.decode(Header.self, from: Array(#"{"v":1,"type":"STATUS","x":\#(Self.nested(JSONReader.maxDepth))}"#.utf8))
            Issue.record("a header nested past the limit was read")
        } catch {
            #expect(error.message.contains("nested deeper than \(JSONReader.maxDepth)"))
        }
    }

    @Test("huge numbers, long strings, invalid UTF-8 and duplicate keys: refused or read, never a crash")
    func otherShapes() throws {
        #expect(throws: ProtocolError.self) { try Header.decode(Data(#"{"v":1,"type":"WORK","attempt":\#(String(repeating: "9", count: 10_000))}"#.utf8)) }
        #expect(throws: ProtocolError.self) { try Header.decode(Data(#"{"v":\#(String(repeating: "9", count: 400)),"type":"STATUS"}"#.utf8)) }
        let huge = try Header.decode(Data(#"{"v":1,"type":"STATUS","ts":1e400,"x":-\#(String(repeating: "7", count: 5_000))}"#.utf8))
        #expect(huge.type == .status)
        let long = String(repeating: "é", count: 1_000_000)
        let input = try JSONReader.decode(Input.self, from: Array(#"{"kind":"text","content":"\#(long)"}"#.utf8))
        #expect(input.content?.count == 1_000_000)
        // Invalid UTF-8 inside a string is repaired (U+FFFD), as String(decoding:) repairs it.
        var bytes = Array(#"{"v":1,"type":"STATUS","job":"a"#.utf8) + [0xFF, 0xC3] + Array(#""}"#.utf8)
        #expect(try Header.decode(Data(bytes)).job == "a\u{FFFD}\u{FFFD}")
        // A control byte, a lone surrogate and a cut escape are refused.
        bytes = Array(#"{"v":1,"type":"STATUS","job":"a"#.utf8) + [0x01] + Array(#""}"#.utf8)
        #expect(throws: ProtocolError.self) { try Header.decode(Data(bytes)) }
        #expect(throws: ProtocolError.self) { try Header.decode(Data(#"{"v":1,"type":"STATUS","job":"\ud800"}"#.utf8)) }
        #expect(throws: ProtocolError.self) { try Header.decode(Data(#"{"v":1,"type":"STATUS","job":"\u12"#.utf8)) }
        // Duplicate keys: the last one wins, as in Foundation's decoder.
        #expect(try Header.decode(Data(#"{"v":1,"type":"STATUS","job":"a","job":"b"}"#.utf8)).job == "b")
        #expect(throws: ProtocolError.self) { try Header.decode(Data(#"{"v":1,"type":"STATUS","v":"1"}"#.utf8)) }
        // A value cut off at the end of the frame.
        for cut in [#"{"v":1,"type":"STATUS","permanent":"#, #"{"v":1,"type":"STATUS","job":nu"#, #"{"v":1,"type":"STATUS","ts":"#] {
            #expect(throws: ProtocolError.self) { try Header.decode(Data(cut.utf8)) }
        }
    }
}
