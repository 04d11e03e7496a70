import Foundation
import PresslineCore
import PresslineWire

/// Makes malformed multipart messages: random bytes, and valid Pressline messages mutated
/// (bytes flipped, cut short, wrong version, unknown type, fields of the wrong type, frames
/// missing, duplicated or reordered), and structure-aware shapes that target the parsers themselves:
/// nesting 100,000 deep, numbers of thousands of digits, megabyte strings, invalid UTF-8, duplicate keys,
/// in the header and in the payload. Seeded, so a failing run can be replayed.
struct FrameFuzzer {
    /// Where a message is aimed; decides which valid messages it must never produce.
    enum Target { case submit, work, worker }

    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// A message that the target must drop (never one it would act on as valid).
    mutating func message(for target: Target) -> [Data] {
        while true {
            let frames = candidate()
            if !Self.isValidRequest(frames, for: target) { return frames }
        }
    }

    private mutating func candidate() -> [Data] {
        // One in 40: the structured shapes are large (up to 200 KB), and a few thousand of them cover each
        // shape at each socket many times over.
        if random.next() % 40 == 0 { return structured() }
        switch random.next() % 6 {
        case 0:
            return (0...Int(random.next() % 4)).map { _ in bytes(Int(random.next() % 200)) }
        case 1:
            return [mutate(template()), Data("{}".utf8)]
        case 2:
            return [template(), mutate(Data(#"{"input":{"kind":"text","content":"x"}}"#.utf8))]
        case 3:
            var frames = [template(), Data(#"{"kind":"text","content":"x"}"#.utf8), template()]
            frames.shuffle(using: &random)
            return Array(frames.prefix(1 + Int(random.next() % 3)))
        case 4:
            let fields = [#""v":2"#, #""v":"1""#, #""type":"NOPE""#, #""type":7"#, #""attempt":"x""#, #""job":[]"#,
                          #""credit":-5"#, #""stage":{}"#, #""v":1e400"#, #""permanent":"yes""#]
            return [Data("{\(fields[Int(random.next() % UInt64(fields.count))]),\"type\":\"RESULT\"}".utf8), bytes(8)]
        default:
            var header = template()
            header = header.prefix(Int(random.next() % UInt64(max(1, header.count))))
            return [header]
        }
    }

    /// A well-framed message whose JSON is hostile in shape: each must be refused by a depth, size or
    /// syntax check, never by a crash (`HostileJSONTests` has the same shapes against the reader alone).
    private mutating func structured() -> [Data] {
        let depth = [100, 10_000, 100_000][Int(random.next() % 3)]
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: #"{"a":"#, count: depth) + "0" + String(repeating: "}", count: depth)
        let digits = String(repeating: "9", count: 1 + Int(random.next() % 20_000))
        let long = String(repeating: "x", count: 256 << 10)
        let type = ["STATUS", "SUBMIT", "READY", "RESULT", "WORK", "HEARTBEAT"][Int(random.next() % 6)]
        let headers = [
            #"{"v":1,"type":"\#(type)","stage":"clean","x":\#(nested)}"#,
            #"{"v":1,"type":"\#(type)","stage":"clean","x":\#(objects)}"#,
            #"{"v":1,"type":"\#(type)","stage":"clean","job":"j","attempt":\#(digits)}"#,
            #"{"v":\#(digits),"type":"\#(type)"}"#,
            #"{"v":1,"type":"\#(type)","type":"EXPLODE","stage":"clean"}"#,
            #"{"v":1,"type":"\#(type)","stage":"clean","job":"\#(long)"#,
        ]
        var header = Data(headers[Int(random.next() % UInt64(headers.count))].utf8)
        if random.next() % 4 == 0 { header.append(contentsOf: [0xFF, 0xFE, 0xC3]) }
        // Or a valid header over a hostile payload, where the queue or a worker reads an Input or a Document.
        guard random.next() % 2 == 0 else { return [header] }
        let work = Header(random.next() % 2 == 0 ? .submit : .work, job: "fuzz-deep", stage: "clean", attempt: 1)
        let payloads = [
            #"{"kind":"text","content":"x","x":\#(nested)}"#,
            #"{"input":{"kind":"text","content":"x","extra":\#(objects)}}"#,
            #"{"input":{"kind":"text","content":"\#(long)"},"fetched":\#(digits)}"#,
            #"{"input":{"kind":"text","kind":"url","content":"x"},"article":{"text":\#(nested)}}"#,
        ]
        var payload = Data(payloads[Int(random.next() % UInt64(payloads.count))].utf8)
        if random.next() % 3 == 0 { payload.insert(contentsOf: [0xC0, 0x80, 0xED, 0xA0, 0x80], at: payload.count / 2) }
        return [(try? work.encoded()) ?? header, payload]
    }

    private mutating func template() -> Data {
        let type = MessageType.allCases[Int(random.next() % UInt64(MessageType.allCases.count))]
        var header = Header(type, job: JobID(rawValue: "fuzz-\(random.next() % 1000)"), stage: (["clean", "extract", "store", "nope"] as [StageName])[Int(random.next() % 4)],
                            attempt: Int(random.next() % 3))
        header.credit = Int(random.next() % 4)
        return (try? header.encoded()) ?? Data()
    }

    private mutating func mutate(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        for _ in 0...(random.next() % 4) where !bytes.isEmpty {
            let index = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 3 {
            case 0: bytes[index] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            case 1: bytes.remove(at: index)
            default: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: index)
            }
        }
        return Data(bytes)
    }

    private mutating func bytes(_ count: Int) -> Data {
        Data((0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    }

    /// Messages that are not malformed at all for `target`: a worker announcing a real stage, a real
    /// submission or request, or work a worker would take. The fuzzer leaves those to the normal run.
    static func isValidRequest(_ frames: [Data], for target: Target) -> Bool {
        guard let envelope = try? Envelope.parse(frames[...]) else { return false }
        switch (target, envelope.header.type) {
        case (.work, .ready), (.work, .heartbeat): return ["fetch", "clean", "extract", "store"].contains(envelope.header.stage ?? "")
        case (.submit, .submit): return (try? envelope.readPayload(Input.self)) != nil
        case (.submit, .status), (.submit, .jobs), (.submit, .retry), (.submit, .failures): return true
        case (.worker, .work): return (try? envelope.readPayload(Document.self)) != nil
        default: return false
        }
    }
}
