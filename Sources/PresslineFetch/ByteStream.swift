import Foundation

/// A file's bytes read in chunks, inflated on the way when the file is gzip (every member of it, as a
/// `.warc.gz` holds one per record): what ``WARCReader`` reads archives of any size through. Damaged gzip
/// ends the stream where it breaks; the reader counts the record it was in as malformed.
final class ByteStream {
    private let file: FileHandle
    private let inflater: GzipInflater?
    private var pendingInput = Data()
    /// The last inflate filled its output: zlib may hold more, to be taken before reading on.
    private var outputPending = false
    private(set) var finished = false

    static let chunkBytes = 1 << 20

    init(path: String) throws {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        self.file = file
        let head = (try? file.read(upToCount: 2)) ?? Data()
        try file.seek(toOffset: 0)
        if Gunzip.isGzip(head) {
            guard let inflater = GzipInflater() else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path]) }
            self.inflater = inflater
        } else {
            inflater = nil
        }
    }

    deinit { try? file.close() }

    /// The next bytes of the (inflated) file; empty at its end.
    func read() -> Data {
        while !finished {
            if pendingInput.isEmpty && !outputPending {
                pendingInput = (try? file.read(upToCount: Self.chunkBytes)) ?? Data()
                if pendingInput.isEmpty {
                    finished = true
                    return Data()
                }
            }
            guard let inflater else {
                defer { pendingInput = Data() }
                return pendingInput
            }
            guard let (chunk, consumed) = try? inflater.inflate(pendingInput, capacity: Self.chunkBytes),
                  !chunk.isEmpty || consumed > 0 || pendingInput.isEmpty else {
                finished = true
                return Data()
            }
            pendingInput = pendingInput.dropFirst(consumed)   // a slice, not a copy of the chunk's rest
            outputPending = chunk.count == Self.chunkBytes
            if !chunk.isEmpty { return chunk }
        }
        return Data()
    }
}
