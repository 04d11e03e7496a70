import CZlib
import Foundation

/// A file's bytes read in chunks, inflated on the way when the file is gzip (every member of it, as a
/// `.warc.gz` holds one per record): what ``WARCReader`` reads archives of any size through.
final class ByteStream {
    private let file: FileHandle
    /// zlib's stream, at a fixed address: its state points back at it, so it is never copied.
    private var inflater: UnsafeMutablePointer<z_stream>?
    private var pendingInput = Data()
    private(set) var finished = false
    /// Set when the file ends inside a gzip member or holds damaged gzip data.
    private(set) var damaged: String?

    static let chunkBytes = 1 << 20

    init(path: String) throws {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        self.file = file
        let head = (try? file.read(upToCount: 2)) ?? Data()
        try file.seek(toOffset: 0)
        if Gunzip.isGzip(head) {
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            guard inflateInit2_(stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                stream.deallocate()
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
            }
            inflater = stream
        }
    }

    deinit {
        if let inflater {
            inflateEnd(inflater)
            inflater.deallocate()
        }
        try? file.close()
    }

    /// The next bytes of the (inflated) file; empty at its end.
    func read() -> Data {
        guard !finished else { return Data() }
        guard inflater != nil else {
            let chunk = (try? file.read(upToCount: Self.chunkBytes)) ?? Data()
            if chunk.isEmpty { finished = true }
            return chunk
        }
        if pendingInput.isEmpty {
            pendingInput = (try? file.read(upToCount: Self.chunkBytes)) ?? Data()
            if pendingInput.isEmpty {
                finished = true
                return Data()
            }
        }
        return inflateSome()
    }

    /// Inflates what input is pending into at most one chunk of output, starting the next member at a member's end.
    private func inflateSome() -> Data {
        guard let inflater else { return Data() }
        var out = Data(count: Self.chunkBytes)
        var produced = 0
        var consumed = 0
        let input = pendingInput
        input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            out.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) in
                inflater.pointee.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: Bytef.self).baseAddress!)
                inflater.pointee.avail_in = uInt(raw.count)
                inflater.pointee.next_out = target.bindMemory(to: Bytef.self).baseAddress!
                inflater.pointee.avail_out = uInt(target.count)
                while inflater.pointee.avail_out > 0 && inflater.pointee.avail_in > 0 {
                    let result = inflate(inflater, Z_NO_FLUSH)
                    if result == Z_STREAM_END {
                        inflateReset(inflater)
                    } else if result != Z_OK {
                        damaged = "damaged gzip data (zlib \(result))"
                        finished = true
                        break
                    }
                }
                produced = target.count - Int(inflater.pointee.avail_out)
                consumed = raw.count - Int(inflater.pointee.avail_in)
            }
        }
        pendingInput = Data(input.dropFirst(consumed))
        return out.prefix(produced)
    }
}
