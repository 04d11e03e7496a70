/// A pull parser over JSON bytes for the types every hop carries (``Document``, ``ArticleRecord``): each
/// reads its own fields, so nothing is built that is not kept (Foundation's decoder, measured against it:
/// docs/BENCHMARKS.md). Unknown members are skipped, as `Decodable` skips them.
///
/// ```swift
/// let document = try JSONReader.decode(Document.self, from: payload)
/// ```
public struct JSONReader {
    /// Objects and arrays open at once before reading stops: every hop's JSON is a few levels deep, and a
    /// limit keeps a hostile frame nested 100,000 deep from overflowing the stack of the process that reads
    /// it (`HostileJSONTests.deepNesting`, `FuzzTests`).
    public static let maxDepth = 64

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Decodes a whole value; trailing bytes other than whitespace are an error.
    public static func decode<T: JSONReadable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws(JSONReadError) -> T {
        var reader = JSONReader(Array(bytes))
        let value = try T(json: &reader)
        reader.skipWhitespace()
        guard reader.position == reader.bytes.count else { throw reader.failure("unexpected bytes after the value") }
        return value
    }

    // MARK: Structure

    /// Reads an object, calling `member` with each key; `member` must read (or ``skipValue()``) the value.
    public mutating func object(_ member: (inout JSONReader, String) throws(JSONReadError) -> Void) throws(JSONReadError) {
        try expect(UInt8(ascii: "{"))
        try enterNesting()
        defer { depth -= 1 }
        if try consume(UInt8(ascii: "}")) { return }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
        } while try consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Reads an array, each element with `element`.
    public mutating func array<Element>(_ element: (inout JSONReader) throws(JSONReadError) -> Element) throws(JSONReadError) -> [Element] {
        try expect(UInt8(ascii: "["))
        try enterNesting()
        defer { depth -= 1 }
        var out: [Element] = []
        if try consume(UInt8(ascii: "]")) { return out }
        repeat { out.append(try element(&self)) } while try consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return out
    }

    private mutating func enterNesting() throws(JSONReadError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
    }

    // MARK: Values

    public mutating func string() throws(JSONReadError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = position
        // Fast path: no escapes, the bytes are the string.
        position = nextSpecial(from: position)
        guard position < bytes.count else { throw failure("unterminated string") }
        if bytes[position] == UInt8(ascii: "\"") {
            position += 1
            return bytes.withUnsafeBufferPointer { String(decodingUTF8: UnsafeBufferPointer(rebasing: $0[start..<(position - 1)])) }
        }
        var out = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return out.withUnsafeBufferPointer { String(decodingUTF8: $0) }
            case UInt8(ascii: "\\"):
                try unescape(into: &out)
                let run = nextSpecial(from: position)
                out.append(contentsOf: bytes[position..<run])
                position = run
            default: throw failure("control character in a string")
            }
        }
        throw failure("unterminated string")
    }

    /// The position of the next `"`, `\` or control character at or after `start`.
    private func nextSpecial(from start: Int) -> Int {
        bytes.withUnsafeBytes { JSONStringScan.firstSpecial(in: $0, from: start) }
    }

    /// Steps over a string without building it (the queue skips a submitted page's content this way).
    private mutating func skipString() throws(JSONReadError) {
        try expect(UInt8(ascii: "\""))
        while position < bytes.count {
            position = nextSpecial(from: position)
            guard position < bytes.count else { break }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw failure("unterminated string") }
                position += bytes[position] == UInt8(ascii: "u") ? 5 : 1
            default: throw failure("control character in a string")
            }
        }
        throw failure("unterminated string")
    }

    private mutating func unescape(into out: inout [UInt8]) throws(JSONReadError) {
        guard position < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code) {
                // A surrogate pair: the low half must follow as another \u escape.
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw failure("unpaired surrogate")
                }
                position += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw failure("invalid \\u escape") }
            UTF8.encode(scalar) { out.append($0) }
        default: throw failure("invalid escape")
        }
    }

    private mutating func hex4() throws(JSONReadError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("short \\u escape") }
        var value: UInt32 = 0
        for byte in bytes[position..<(position + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        position += 4
        return value
    }

    public mutating func integer() throws(JSONReadError) -> Int {
        skipWhitespace()
        let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let start = position
        var value = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(Int(bytes[position] - UInt8(ascii: "0")))
            guard !overflow, !carry else { throw failure("integer out of range") }
            value = sum
            position += 1
        }
        guard position > start else { throw failure("expected an integer") }
        return negative ? -value : value
    }

    public mutating func boolean() throws(JSONReadError) -> Bool {
        skipWhitespace()
        if bytes[position...].starts(with: Self.trueLiteral) { position += 4; return true }
        if bytes[position...].starts(with: Self.falseLiteral) { position += 5; return false }
        throw failure("expected true or false")
    }

    /// A number with a fraction or exponent (`1764398400.25`, `-2.5e3`).
    public mutating func double() throws(JSONReadError) -> Double {
        skipWhitespace()
        let start = position
        while position < bytes.count, Self.numberBytes[Int(bytes[position])] { position += 1 }
        guard position > start, let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else {
            throw failure("expected a number")
        }
        return value
    }

    /// A value that may be `null`.
    public mutating func optional<Value>(_ value: (inout JSONReader) throws(JSONReadError) -> Value) throws(JSONReadError) -> Value? {
        skipWhitespace()
        if bytes[position...].starts(with: Self.null) {
            position += 4
            return nil
        }
        return try value(&self)
    }

    /// A string that must be one of `E`'s raw values; `what` names it in the error ("entity type").
    public mutating func enumeration<E: RawRepresentable>(_ type: E.Type, what: String) throws(JSONReadError) -> E where E.RawValue == String {
        let raw = try string()
        guard let value = E(rawValue: raw) else { throw failure("unknown \(what) '\(raw)'") }
        return value
    }

    public mutating func optionalString() throws(JSONReadError) -> String? {
        try optional { (value: inout JSONReader) throws(JSONReadError) in try value.string() }
    }

    public mutating func optionalInteger() throws(JSONReadError) -> Int? {
        try optional { (value: inout JSONReader) throws(JSONReadError) in try value.integer() }
    }

    public mutating func strings() throws(JSONReadError) -> [String] { try array { (reader: inout JSONReader) throws(JSONReadError) in try reader.string() } }

    public mutating func values<Element: JSONReadable>(_ type: Element.Type) throws(JSONReadError) -> [Element] {
        try array { (reader: inout JSONReader) throws(JSONReadError) in try Element(json: &reader) }
    }

    /// Skips any value (a member this reader does not know).
    public mutating func skipValue() throws(JSONReadError) {
        skipWhitespace()
        guard position < bytes.count else { throw failure("expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"): try object { (reader: inout JSONReader, _: String) throws(JSONReadError) in try reader.skipValue() }
        case UInt8(ascii: "["): _ = try array { (reader: inout JSONReader) throws(JSONReadError) in try reader.skipValue() }
        default:
            // Numbers, true, false, null: a run of their characters.
            let start = position
            while position < bytes.count, !Self.delimiters[Int(bytes[position])] { position += 1 }
            guard position > start else { throw failure("expected a value") }
        }
    }

    // MARK: Bytes

    private static let null = Array("null".utf8)
    private static let trueLiteral = Array("true".utf8)
    private static let falseLiteral = Array("false".utf8)
    // Byte classes as tables indexed by the byte: a `Set<UInt8>` hashes every byte it is asked about, and
    // reading the page-type model's numbers asked it for every digit (docs/BENCHMARKS.md, "Page types").
    private static let numberBytes = byteTable("0123456789+-.eE")
    private static let delimiters = byteTable(",}] \n\r\t")
    private static func byteTable(_ members: String) -> [Bool] { (0...255).map { members.utf8.contains(UInt8($0)) } }

    private mutating func skipWhitespace() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09 {
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(JSONReadError) {
        guard try consume(byte) else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
    }

    private mutating func consume(_ byte: UInt8) throws(JSONReadError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw failure("unexpected end of input") }
        guard bytes[position] == byte else { return false }
        position += 1
        return true
    }

    func failure(_ what: String) -> JSONReadError { JSONReadError(message: what, offset: position) }

    /// The error for a required member that never came.
    public func missing(_ key: String, in type: String) -> JSONReadError { failure("\(type) lacks '\(key)'") }
}

/// Why bytes are not the JSON expected, and where.
public struct JSONReadError: Error, CustomStringConvertible, Equatable {
    public let message: String
    /// Byte offset where reading stopped.
    public let offset: Int
    public var description: String { "\(message) at byte \(offset)" }
}

/// A type that reads itself from JSON, accepting what its `Decodable` conformance accepts from ``JSON/encoder``'s output.
public protocol JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReadError)
}
