import CBrotli
import Foundation

/// A response body with its content coding undone (RFC 9110 section 8.4): gzip, deflate (zlib-wrapped, or raw
/// as some servers send it) and brotli (RFC 7932), each inflated up to a limit, so a decompression bomb is
/// refused at the limit rather than held in memory (`ContentDecodingTests`, `FetchEncodingTests`).
///
/// ```swift
/// let page = try ContentDecoding.decode(body, coding: "br", limit: 32 << 20)
/// ```
enum ContentDecoding {
    /// What the fetch stage asks servers for, in `Accept-Encoding`.
    static let accepted = "gzip, deflate, br"

    /// Why a body could not be decoded.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        /// True when the body inflates past the limit (the page is too large, not broken).
        var tooLarge = false
    }

    /// `body` decoded from `coding` (a `Content-Encoding` value; several are undone last first).
    static func decode(_ body: Data, coding: String?, limit: Int) throws(Failure) -> Data {
        var data = body
        let codings = (coding ?? "").lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in codings.reversed() where !name.isEmpty && name != "identity" {
            switch name {
            case "gzip", "x-gzip": data = try zlib(data, limit: limit, wrapper: .gzip)
            case "deflate":
                // RFC 9110 says zlib-wrapped; raw deflate is what some servers send under the same name.
                do { data = try zlib(data, limit: limit, wrapper: .zlib) } catch where !error.tooLarge {
                    data = try zlib(data, limit: limit, wrapper: .raw)
                }
            case "br": data = try brotli(data, limit: limit)
            default: throw Failure(description: "content coding '\(name)' is not one the fetch stage reads (it asks for \(accepted))")
            }
        }
        return data
    }

    private static func zlib(_ data: Data, limit: Int, wrapper: GzipInflater.Wrapper) throws(Failure) -> Data {
        do { return try Gunzip.inflate(data, limit: limit, wrapper: wrapper) } catch {
            throw Failure(description: "\(wrapper == .gzip ? "gzip" : "deflate") body: \(error)", tooLarge: error.tooLarge)
        }
    }

    /// Brotli through libbrotlidec's streaming decoder, a block at a time, stopping past `limit`.
    private static func brotli(_ data: Data, limit: Int) throws(Failure) -> Data {
        guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else { throw Failure(description: "brotli could not start") }
        defer { BrotliDecoderDestroyInstance(state) }
        var out = Data()
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var availableIn = raw.count
            var nextIn = raw.bindMemory(to: UInt8.self).baseAddress
            repeat {
                var availableOut = block.count
                block.withUnsafeMutableBufferPointer { buffer in
                    var nextOut = buffer.baseAddress
                    result = BrotliDecoderDecompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                }
                out.append(contentsOf: block[0..<(block.count - availableOut)])
            } while result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT && out.count <= limit
        }
        if out.count > limit { throw Failure(description: "brotli body inflates past \(limit) bytes (a decompression bomb, or too large)", tooLarge: true) }
        switch result {
        case BROTLI_DECODER_RESULT_SUCCESS: return out
        case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: throw Failure(description: "brotli body: the compressed data is cut short")
        default: throw Failure(description: "brotli body: damaged data (\(String(cString: BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state)))))")
        }
    }
}
