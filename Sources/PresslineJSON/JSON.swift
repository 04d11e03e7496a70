import Foundation

/// The one JSON configuration used on the wire, in the store and in CLI output.
public enum JSON {
    /// Compact encoder with sorted keys (stable output) and unescaped slashes.
    /// Made once: every message and every hop encodes through it, and encoding is thread-safe.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Indented encoder for output meant for people.
    public static var prettyEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return encoder
    }

    /// Compact JSON (as ``JSONWriter`` writes it) indented for people, keys sorted as ``prettyEncoder`` sorts them.
    ///
    /// ```swift
    /// print(String(decoding: try JSON.pretty(JSONWriter.encode(record)), as: UTF8.self))
    /// ```
    public static func pretty(_ compact: [UInt8]) throws -> Data {
        let value = try JSONSerialization.jsonObject(with: Data(compact), options: [.fragmentsAllowed])
        return try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
    }

    /// The decoder matching ``encoder``, made once like it.
    public static let decoder = JSONDecoder()

    /// A short, readable account of a decoding error (Foundation's are verbose).
    public static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not valid JSON" : "bad value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        default: "\(error)"
        }
    }
}
