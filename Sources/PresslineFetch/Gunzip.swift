import CZlib
import Foundation

/// gzip data (RFC 1952) inflated by zlib, every member of it (a `.warc.gz` is one member per record), up to
/// a limit on the inflated size: a small file that inflates without end is refused, not held in memory
/// (`GunzipTests`).
///
/// ```swift
/// let xml = try Gunzip.inflate(body, limit: 50 << 20)   // a .xml.gz sitemap
/// ```
public enum Gunzip {
    /// Why gzip data could not be read.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
        /// True when the data inflates past the limit (too large, not damaged).
        public var tooLarge = false
    }

    /// Whether `data` starts as gzip does (its two magic bytes).
    public static func isGzip(_ data: some Collection<UInt8>) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.index(after: data.startIndex)] == 0x8B
    }

    /// The inflated bytes of every member of `data`; fails past `limit` bytes or on damaged data.
    public static func inflate(_ data: Data, limit: Int) throws(Failure) -> Data { try inflate(data, limit: limit, wrapper: .gzip) }

    /// The same for data in `wrapper` (HTTP's `deflate` is zlib-wrapped, or raw from some servers).
    static func inflate(_ data: Data, limit: Int, wrapper: GzipInflater.Wrapper) throws(Failure) -> Data {
        guard let inflater = GzipInflater(wrapper) else { throw Failure(description: "zlib could not start") }
        var out = Data()
        var rest = data
        var outputPending = false
        while !rest.isEmpty || outputPending {
            let (chunk, consumed) = try inflater.inflate(rest, capacity: 1 << 16)
            out.append(chunk)
            if out.count > limit { throw Failure(description: "inflates past \(limit) bytes (a decompression bomb, or too large)", tooLarge: true) }
            rest = rest.dropFirst(consumed)   // a slice: the rest of the input is not copied each round
            outputPending = chunk.count == 1 << 16
            if chunk.isEmpty && consumed == 0 { break }
        }
        guard inflater.atMemberEnd else { throw Failure(description: "the compressed data is cut short") }
        return out
    }

    /// `data` as one gzip member (what a `.warc.gz` holds per record).
    public static func member(_ data: Data) -> Data {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return Data() }
        defer { deflateEnd(&stream) }
        var out = Data(count: Int(deflateBound(&stream, uLong(data.count))) + 64)
        let written: Int = data.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress ?? UnsafePointer(output.bindMemory(to: Bytef.self).baseAddress!))
                stream.avail_in = uInt(input.count)
                stream.next_out = output.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(output.count)
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { return 0 }
                return output.count - Int(stream.avail_out)
            }
        }
        return out.prefix(written)
    }
}
