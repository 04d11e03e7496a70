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
    }

    /// Whether `data` starts as gzip does (its two magic bytes).
    public static func isGzip(_ data: some Collection<UInt8>) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.index(after: data.startIndex)] == 0x8B
    }

    /// The inflated bytes of every member of `data`; fails past `limit` bytes or on damaged data.
    public static func inflate(_ data: Data, limit: Int) throws(Failure) -> Data {
        var out = Data()
        var stream = z_stream()
        // 16 + MAX_WBITS: a gzip wrapper, not a raw or zlib one.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let status: Int32 = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress else { return Z_DATA_ERROR }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            while true {
                let result: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    let result = CZlib.inflate(&stream, Z_NO_FLUSH)
                    out.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                    return result
                }
                if out.count > limit { return Z_MEM_ERROR }
                switch result {
                case Z_STREAM_END:
                    // Another member may follow; trailing zero bytes (padding) end the data too.
                    guard stream.avail_in > 0, stream.next_in.pointee != 0 else { return Z_STREAM_END }
                    guard inflateReset(&stream) == Z_OK else { return Z_DATA_ERROR }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    return Z_BUF_ERROR
                default:
                    return result
                }
            }
        }
        switch status {
        case Z_STREAM_END: return out
        case Z_MEM_ERROR: throw Failure(description: "inflates past \(limit) bytes (a decompression bomb, or too large)")
        case Z_BUF_ERROR: throw Failure(description: "the gzip data is cut short")
        default: throw Failure(description: "damaged gzip data (zlib \(status))")
        }
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
