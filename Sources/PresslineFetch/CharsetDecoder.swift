import Foundation

/// Turns page bytes into text: a byte-order mark, else the declared charset (header, then `<meta>`), else
/// UTF-8, else a single-byte charset told from the bytes themselves (the WHATWG encoding-sniffing order).
enum CharsetDecoder {
    /// Decodes `data`; `declared` is the Content-Type header's charset, if any. A page declared UTF-8 whose
    /// bytes are not UTF-8 was mislabelled (a server default over an old page): its bytes decide instead.
    static func decode(_ data: Data, declared: String?) -> String {
        // A byte-order mark outranks any label (`FetchStageTests.byteOrderMarks`).
        for (mark, encoding) in Self.byteOrderMarks where data.starts(with: mark) {
            if let text = String(data: data.dropFirst(mark.count), encoding: encoding) { return text }
        }
        let charset = declared ?? sniffMetaCharset(data)
        if let charset, let encoding = encoding(named: charset), let text = String(data: data, encoding: encoding) {
            return text
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        return String(data: data, encoding: singleByteEncoding(of: data)) ?? String(decoding: data, as: UTF8.self)
    }

    /// A NUL byte in the first kilobyte of bytes that are not UTF-16 (which holds NULs as text): an image, an
    /// archive or compressed bytes behind a text label (`FetchStageTests.hostileBodies`).
    static func looksBinary(_ data: Data) -> Bool {
        let utf16 = byteOrderMarks.contains { $0.1 != .utf8 && data.starts(with: $0.0) }
        return !utf16 && data.prefix(1024).contains(0)
    }

    static let byteOrderMarks: [([UInt8], String.Encoding)] = [
        ([0xEF, 0xBB, 0xBF], .utf8), ([0xFE, 0xFF], .utf16BigEndian), ([0xFF, 0xFE], .utf16LittleEndian),
    ]

    /// Windows-1251 (Cyrillic) or Windows-1252 (Western), told apart by how the bytes above ASCII fall:
    /// Cyrillic words are runs of high bytes, while Western text has an accented letter here and there between
    /// ASCII ones. Guarded by `FetchStageTests.mislabelledCharset`.
    static func singleByteEncoding(of data: Data) -> String.Encoding {
        var high = 0, inRuns = 0, previousHigh = false
        for byte in data.prefix(64 << 10) {
            let isHigh = byte >= 0x80
            if isHigh { high += 1 }
            if isHigh && previousHigh { inRuns += 2 }
            previousHigh = isHigh
        }
        return high >= 8 && inRuns >= high ? .windowsCP1251 : .windowsCP1252
    }

    /// True when the first bytes look like markup.
    static func looksLikeHTML(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(1024), as: UTF8.self).lowercased()
        return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") || head.contains("<head")
    }

    private static func sniffMetaCharset(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        let rest = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" }
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    private static func encoding(named name: String) -> String.Encoding? {
        switch name.lowercased() {
        case "utf-8", "utf8": .utf8
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1": .windowsCP1252
        case "windows-1252", "cp1252": .windowsCP1252
        case "us-ascii", "ascii": .utf8
        case "utf-16": .utf16
        case "utf-16le": .utf16LittleEndian
        case "utf-16be": .utf16BigEndian
        case "iso-8859-2", "windows-1250": .windowsCP1250
        case "windows-1251": .windowsCP1251
        case "shift_jis", "shift-jis": .shiftJIS
        case "euc-jp": .japaneseEUC
        default: nil
        }
    }
}
