import Foundation

/// An HTTP/1.x response as a WARC `response` record holds it: status line, headers, and the body as it was
/// sent (perhaps chunked, perhaps gzip), which ``decodedBody(limit:)`` undoes.
struct HTTPResponseBlock {
    let status: Int
    /// Header names lower-cased; a repeated header keeps its last value.
    let headers: [String: String]
    let body: ArraySlice<UInt8>

    init?(_ block: [UInt8]) {
        guard let end = Self.headerEnd(block) else { return nil }
        let lines = String(decoding: block[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines.first?.split(separator: " ") ?? []
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else { return nil }
        (self.status, headers, body) = (status, Self.fields(lines.dropFirst()), block[(end + 4)...])
    }

    /// The media type, lower-cased, without parameters ("text/html"); an answer without one is taken for HTML,
    /// as browsers sniff it.
    var mediaType: String {
        (headers["content-type"]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }) ?? "text/html"
    }

    /// The `charset` parameter of the content type.
    var charset: String? {
        headers["content-type"]?.split(separator: ";").dropFirst().lazy.compactMap { parameter -> String? in
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return pair.count == 2 && pair[0].lowercased() == "charset" ? pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : nil
        }.first
    }

    /// The body with chunked transfer and gzip content coding undone; nil when either is damaged or the result
    /// passes `limit` bytes.
    func decodedBody(limit: Int) -> [UInt8]? {
        var bytes = Array(body)
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            guard let joined = Self.dechunked(bytes) else { return nil }
            bytes = joined
        }
        if ["gzip", "x-gzip"].contains(headers["content-encoding"]?.lowercased() ?? "") {
            guard let inflated = try? Gunzip.inflate(Data(bytes), limit: limit) else { return nil }
            bytes = Array(inflated)
        }
        return bytes.count <= limit ? bytes : nil
    }

    /// `Name: value` lines (HTTP's and WARC's alike) by lower-cased name; a line without a colon is ignored.
    static func fields(_ lines: ArraySlice<String>) -> [String: String] {
        var fields: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    private static func headerEnd(_ block: [UInt8]) -> Int? {
        guard block.count >= 4 else { return nil }
        for index in 0...(block.count - 4) where block[index] == 13 && block[index + 1] == 10 && block[index + 2] == 13 && block[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// Chunks (RFC 9112 section 7.1) joined; nil when a chunk size is not hex or runs past the data.
    static func dechunked(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = bytes[index...].firstIndex(of: 10) else { return nil }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else { return nil }
            if size == 0 { return out }
            let start = lineEnd + 1
            guard start + size <= bytes.count else { return nil }
            out.append(contentsOf: bytes[start..<(start + size)])
            index = start + size
            while index < bytes.count && (bytes[index] == 13 || bytes[index] == 10) { index += 1 }
        }
        return out
    }
}
