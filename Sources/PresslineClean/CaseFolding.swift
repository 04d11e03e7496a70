import Foundation

/// The Foundation and standard-library string operations the paragraph and byline tests run on every
/// short block, done without bridging or a String per scalar, with the same results.
enum CaseFolding {
    /// `text.lowercased()`: ASCII lowered as bytes, other scalars mapped only when they change. The standard
    /// library builds a String for every non-ASCII scalar's mapping, and news text is seldom pure ASCII
    /// (curly quotes, dashes). `CaseFoldingTests` holds the results equal.
    static func lowercased(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                out.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
            } else if scalar.properties.changesWhenLowercased {
                out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text.trimmingCharacters(in: set)` as Foundation does it on Linux, by UTF-16 unit: a scalar beyond
    /// the BMP is never trimmed. Done here to avoid bridging to NSString and back for every paragraph.
    static func trimming(_ text: String, _ set: CharacterSet) -> Substring {
        func trimmed(_ scalar: Unicode.Scalar) -> Bool { scalar.value <= 0xFFFF && set.contains(scalar) }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed($0) }), let last = scalars.lastIndex(where: { !trimmed($0) }) else { return "" }
        return Substring(scalars[first...last])
    }
}
