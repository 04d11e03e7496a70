import Foundation

/// The HTML pages of a WARC file (ISO 28500, WARC/1.0 and 1.1; plain or gzip, one member per record), read
/// record by record so an archive of any size streams through: each `response` record's page with its
/// target URI. Records that are no page are skipped and counted — other types, revisits, truncated
/// responses, non-HTML or non-2xx answers — and a malformed record is counted and stepped over, never the end
/// of the file (`WARCReaderTests`).
///
/// ```swift
/// let reader = try WARCReader(path: "crawl.warc.gz")
/// while let page = reader.nextPage() { push(page.url, page.html) }
/// print(reader.counts)
/// ```
public final class WARCReader {
    /// A page found in a response record.
    public struct Page: Sendable {
        public var url: String
        public var html: String
        /// `WARC-Date`: when it was fetched.
        public var date: String?

        /// `WARC-Date` in seconds since 1970 (WARC 1.1 allows a fraction of a second), if it reads as one.
        public var fetchedAt: Double? {
            guard let date else { return nil }
            let formatter = ISO8601DateFormatter()
            if let parsed = formatter.date(from: date) { return parsed.timeIntervalSince1970 }
            formatter.formatOptions.insert(.withFractionalSeconds)
            return formatter.date(from: date)?.timeIntervalSince1970
        }
    }

    /// What the reader saw, record by record.
    public struct Counts: Sendable, Equatable, CustomStringConvertible {
        public var pages = 0, notHTML = 0, revisits = 0, truncated = 0, malformed = 0, otherRecords = 0
        public var description: String {
            "\(pages) pages; skipped \(notHTML) not HTML or not 2xx, \(revisits) revisits, \(truncated) truncated, "
                + "\(malformed) malformed, \(otherRecords) other records"
        }
    }

    /// A record bigger than this is skipped as malformed rather than held in memory.
    public static let maxRecordBytes = 64 << 20
    /// A page's body, after transfer and content decoding, is at most this (the clean stage's own limit).
    public static let maxPageBytes = 16 << 20

    public private(set) var counts = Counts()
    private let stream: ByteStream
    private var buffer: [UInt8] = []
    private var position = 0

    public init(path: String) throws { stream = try ByteStream(path: path) }

    /// The next HTML page, or nil at the end of the file.
    public func nextPage() -> Page? {
        while let (headers, block) = nextRecord() {
            if let page = page(headers: headers, block: block) {
                counts.pages += 1
                return page
            }
        }
        return nil
    }

    /// A record's page, or nil (counted) when it holds none.
    private func page(headers: [String: String], block: [UInt8]) -> Page? {
        switch headers["warc-type"]?.lowercased() {
        case "response": break
        case "revisit": counts.revisits += 1; return nil
        default: counts.otherRecords += 1; return nil
        }
        if headers["warc-truncated"] != nil { counts.truncated += 1; return nil }
        guard let url = headers["warc-target-uri"]?.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")),
              let response = HTTPResponseBlock(block) else { counts.malformed += 1; return nil }
        guard (200..<300).contains(response.status), response.mediaType.contains("html"),
              let body = response.decodedBody(limit: Self.maxPageBytes) else { counts.notHTML += 1; return nil }
        return Page(url: url, html: CharsetDecoder.decode(Data(body), declared: response.charset), date: headers["warc-date"])
    }

    // MARK: Records

    /// The next well-formed record's headers (names lower-cased) and block; malformed ones are counted and
    /// stepped over to the next `WARC/` line.
    private func nextRecord() -> (headers: [String: String], block: [UInt8])? {
        while true {
            skipLineBreaks()
            guard let headerEnd = find([13, 10, 13, 10], from: position) else { return nil }
            let lines = String(decoding: buffer[position..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n")
            guard let version = lines.first, version.hasPrefix("WARC/") else {
                counts.malformed += 1
                guard resynchronize() else { return nil }
                continue
            }
            let headers = HTTPResponseBlock.fields(lines.dropFirst())
            guard let length = headers["content-length"].flatMap({ Int($0) }), length >= 0, length <= Self.maxRecordBytes else {
                counts.malformed += 1
                position = headerEnd + 4
                guard resynchronize() else { return nil }
                continue
            }
            let start = headerEnd + 4
            guard fill(upTo: start + length) else {
                counts.malformed += 1   // the file ends inside the record
                return nil
            }
            let block = Array(buffer[start..<(start + length)])
            position = start + length
            compact()
            return (headers, block)
        }
    }

    /// Steps over the blank lines that end the record before.
    private func skipLineBreaks() {
        while position < buffer.count || more() {
            guard buffer[position] == 13 || buffer[position] == 10 else { return }
            position += 1
        }
    }

    /// Moves to the next line that starts a record (`WARC/`); false at the end of the file.
    private func resynchronize() -> Bool {
        let marker = Array("\nWARC/".utf8)
        guard let found = find(marker, from: position) else { return false }
        position = found + 1
        return true
    }

    /// The offset of `pattern` at or after `from`, reading more of the file as needed.
    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        var searchFrom = start
        while true {
            if buffer.count - searchFrom >= pattern.count {
                let last = buffer.count - pattern.count
                var index = searchFrom
                while index <= last {
                    if buffer[index] == pattern[0] && buffer[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
                    index += 1
                }
                searchFrom = max(start, last + 1)
            }
            // A header longer than a record may be is no header: give up on it rather than read the file into memory.
            guard buffer.count - start < Self.maxRecordBytes, more() else { return nil }
        }
    }

    private func fill(upTo end: Int) -> Bool {
        while buffer.count < end { guard more() else { return false } }
        return true
    }

    private func more() -> Bool {
        let chunk = stream.read()
        buffer.append(contentsOf: chunk)
        return !chunk.isEmpty
    }

    /// Drops what has been read, so the buffer holds about one record.
    private func compact() {
        guard position > ByteStream.chunkBytes else { return }
        buffer.removeFirst(position)
        position = 0
    }
}
