import CZlib
import Foundation

/// zlib inflating gzip (or zlib, or raw deflate) data member after member (a `.warc.gz` holds one per record), a piece at a time: what
/// ``Gunzip/inflate(_:limit:)`` and ``ByteStream`` share. The stream lives at a fixed address because zlib's
/// state points back at it; a copy of it would be refused.
final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    /// True when the input so far ends a member: data that stops anywhere else was cut short.
    private(set) var atMemberEnd = false

    /// What wraps the deflate data: gzip (RFC 1952), zlib (RFC 1950: HTTP's `deflate` coding) or nothing
    /// (raw deflate, which some servers send as `deflate`).
    enum Wrapper {
        case gzip, zlib, raw

        var windowBits: Int32 {
            switch self {
            case .gzip: 16 + MAX_WBITS
            case .zlib: MAX_WBITS
            case .raw: -MAX_WBITS
            }
        }
    }

    init?(_ wrapper: Wrapper = .gzip) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard inflateInit2_(stream, wrapper.windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            return nil
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Inflates from the start of `input` into at most `capacity` bytes: those bytes, and how much of `input`
    /// was used. Output zlib still holds comes with the next call (with more input, or none). Zero bytes after a
    /// member are padding and end the data.
    func inflate(_ input: Data, capacity: Int) throws(Gunzip.Failure) -> (output: Data, consumed: Int) {
        var output = Data(count: capacity)
        var produced = 0, consumed = 0
        var failure: Int32?
        input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            output.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) in
                let empty: UInt8 = 0
                withUnsafePointer(to: empty) { nothing in
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: Bytef.self).baseAddress ?? nothing)
                    stream.pointee.avail_in = uInt(raw.count)
                    stream.pointee.next_out = target.bindMemory(to: Bytef.self).baseAddress
                    stream.pointee.avail_out = uInt(target.count)
                    repeat {
                        let result = CZlib.inflate(stream, Z_NO_FLUSH)
                        if result == Z_STREAM_END {
                            atMemberEnd = true
                            if stream.pointee.avail_in > 0 && stream.pointee.next_in.pointee == 0 {
                                stream.pointee.avail_in = 0
                                break
                            }
                            inflateReset(stream)
                        } else if result == Z_OK {
                            atMemberEnd = false
                        } else if result == Z_BUF_ERROR {
                            break   // nothing more to do with what was given
                        } else {
                            failure = result
                            break
                        }
                    } while stream.pointee.avail_out > 0 && stream.pointee.avail_in > 0
                    produced = target.count - Int(stream.pointee.avail_out)
                    consumed = raw.count - Int(stream.pointee.avail_in)
                }
            }
        }
        if let failure { throw Gunzip.Failure(description: "damaged gzip data (zlib \(failure))") }
        return (output.prefix(produced), consumed)
    }
}
