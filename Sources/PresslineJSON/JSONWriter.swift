/// Compact JSON with sorted keys, written straight into bytes: the one codec (with ``JSONReader``) of the
/// types every hop carries (``Document``, ``ArticleRecord``, the header), at a fraction of Foundation's cost
/// (docs/BENCHMARKS.md). Its output is canonical: what Foundation writes for the same value with sorted keys
/// (`JSONWriterTests` compares).
///
/// ```swift
/// let bytes = JSONWriter.encode(record)
/// ```
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Per open object or array: whether the next member needs a comma before it.
    private var separated: [Bool] = []

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    /// The bytes of `value` written with its ``JSONWritable`` conformance.
    public static func encode(_ value: some JSONWritable) -> [UInt8] {
        var writer = JSONWriter()
        value.write(to: &writer)
        return writer.bytes
    }

    /// A list of strings as a JSON array, as the store keeps authors, roles and keywords.
    public static func encode(_ strings: [String]) -> [UInt8] {
        var writer = JSONWriter(capacity: 64)
        writer.array(strings) { $0.string($1) }
        return writer.bytes
    }

    // MARK: Structure

    /// An object; `members` writes its fields with ``field(_:_:)`` in sorted key order.
    public mutating func object(_ members: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        members(&self)
        close(UInt8(ascii: "}"))
    }

    /// An array of `items`, each written by `item`.
    public mutating func array<Items: Sequence>(_ items: Items, _ item: (inout JSONWriter, Items.Element) -> Void) {
        open(UInt8(ascii: "["))
        for element in items {
            separate()
            item(&self, element)
        }
        close(UInt8(ascii: "]"))
    }

    /// Starts the member `key`; the value written next belongs to it.
    public mutating func key(_ key: String) {
        separate()
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func open(_ mark: UInt8) {
        bytes.append(mark)
        separated.append(false)
    }

    private mutating func close(_ mark: UInt8) {
        separated.removeLast()
        bytes.append(mark)
    }

    private mutating func separate() {
        if separated[separated.count - 1] { bytes.append(UInt8(ascii: ",")) } else { separated[separated.count - 1] = true }
    }

    // MARK: Values

    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            let raw = UnsafeRawBufferPointer(utf8)
            var runStart = 0
            while true {
                let special = JSONStringScan.firstSpecial(in: raw, from: runStart)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<special]))
                guard special < utf8.count else { break }
                appendEscaped(utf8[special])
                runStart = special + 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Escapes as Foundation does: the short forms where JSON has them, `\u00XX` for other control characters.
    private mutating func appendEscaped(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Digits written straight into the bytes: offsets are most of a record's numbers, three per mention.
    public mutating func integer(_ value: Int) {
        guard value != Int.min else { return bytes.append(contentsOf: String(value).utf8) }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = abs(value)
        let first = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[first...].reverse()
    }

    /// The shortest form that reads back as the same `Double` (finite values only: JSON has no others).
    public mutating func number(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            integer(Int(value))
        } else {
            bytes.append(contentsOf: (value.isFinite ? "\(value)" : "0").utf8)
        }
    }

    public mutating func boolean(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    // MARK: Fields

    public mutating func field(_ key: String, _ value: String) {
        self.key(key)
        string(value)
    }

    /// Nothing at all for nil, as synthesized `Encodable` conformances omit absent optionals.
    public mutating func field(_ key: String, _ value: String?) {
        if let value { field(key, value) }
    }

    public mutating func field(_ key: String, _ value: Int) {
        self.key(key)
        integer(value)
    }

    public mutating func field(_ key: String, _ value: Int?) {
        if let value { field(key, value) }
    }

    public mutating func field(_ key: String, _ value: Double?) {
        guard let value else { return }
        self.key(key)
        number(value)
    }

    public mutating func field(_ key: String, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        boolean(value)
    }

    public mutating func field(_ key: String, _ value: [String]) {
        self.key(key)
        array(value) { $0.string($1) }
    }

    public mutating func field(_ key: String, _ value: some JSONWritable) {
        self.key(key)
        value.write(to: &self)
    }

    public mutating func field(_ key: String, _ value: (some JSONWritable)?) {
        if let value { field(key, value) }
    }

    public mutating func field<Element: JSONWritable>(_ key: String, _ value: [Element]) {
        self.key(key)
        array(value) { writer, element in element.write(to: &writer) }
    }
}

/// A type that writes itself as compact JSON with sorted keys, exactly as its `Encodable` conformance
/// encodes through ``JSON/encoder`` (a test holds the two together).
public protocol JSONWritable {
    func write(to writer: inout JSONWriter)
}
