import Foundation

/// The URL's shape (`url.`): its depth, a date in the path, a headline slug, a page number, a file name, a query.
extension PageFeatures {
    /// The URL's features, read off its bytes: String's Unicode-aware splitting and searching cost more than the
    /// rest of them together.
    static func urlFeatures(_ text: String) -> [String: Double] {
        var values: [String: Double] = [:]
        guard let (path, hasQuery) = Self.pathAndQuery(text) else { return values }
        let segments = path.split(separator: UInt8(ascii: "/"))
        values["url.depth"] = Double(min(segments.count, 6)) / 6
        if segments.isEmpty { values["url.root"] = 1 }
        if hasQuery { values["url.query"] = 1 }
        // A date in the path (/2024/05/ or 2024-05-17) is how news and blogs file their stories.
        if Self.isDated(segments) { values["url.dated"] = 1 }
        if let last = segments.last {
            // A headline slug ("the-mayor-resigns-after-vote") names one story; "sport" or "page" a section.
            let slugWords = last.split { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }.count
            values["url.slugWords"] = Self.scaledLog(slugWords) * 4
            if last.allSatisfy(Self.isDigit) { values["url.numericEnd"] = 1 }
            if last.contains(UInt8(ascii: ".")) { values["url.fileEnd"] = 1 }
        }
        return values
    }

    /// A year segment followed by a month one (`/2024/05/`), or a segment holding `2024-05-17`.
    static func isDated(_ segments: [ArraySlice<UInt8>]) -> Bool {
        func isYear(_ text: ArraySlice<UInt8>) -> Bool {
            text.count == 4 && text.allSatisfy(isDigit) && [[0x31, 0x39], [0x32, 0x30]].contains(Array(text.prefix(2)))  // 19, 20
        }
        func isMonth(_ text: ArraySlice<UInt8>) -> Bool {
            (1...2).contains(text.count) && text.allSatisfy(isDigit) && text.reduce(0) { $0 * 10 + Int($1) - 48 } <= 12
        }
        for (segment, next) in zip(segments, segments.dropFirst()) where isYear(segment) && isMonth(next) { return true }
        return segments.contains { segment in
            let parts = segment.split(separator: UInt8(ascii: "-"))
            return zip(parts, zip(parts.dropFirst(), parts.dropFirst(2))).contains { year, rest in
                isYear(year) && isMonth(rest.0) && rest.1.prefix(2).count == 2 && rest.1.prefix(2).allSatisfy(isDigit)
            }
        }
    }

    /// The path (percent-decoded) of an absolute URL, and whether it has a query, read off the text.
    static func pathAndQuery(_ text: String) -> (path: [UInt8], hasQuery: Bool)? {
        var bytes = Array(text.utf8)
        guard let scheme = bytes.indices.first(where: { bytes[$0...].starts(with: [0x3A, 0x2F, 0x2F]) }) else { return nil }  // ://
        bytes.removeSubrange(..<(scheme + 3))
        if let fragment = bytes.firstIndex(of: UInt8(ascii: "#")) { bytes.removeSubrange(fragment...) }
        var hasQuery = false
        if let mark = bytes.firstIndex(of: UInt8(ascii: "?")) {
            hasQuery = mark + 1 < bytes.count
            bytes.removeSubrange(mark...)
        }
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return ([], hasQuery) }
        let path = bytes[slash...]
        guard path.contains(UInt8(ascii: "%")), let decoded = String(decoding: path, as: UTF8.self).removingPercentEncoding else { return (Array(path), hasQuery) }
        return (Array(decoded.utf8), hasQuery)
    }
}
