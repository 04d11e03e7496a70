import Foundation

/// Where the journal keeps submitted payloads: append-only segment files beside the SQLite file.
///
/// A payload written into SQLite's WAL is written twice and read once more — into the WAL at the commit,
/// out of it and into the database at the checkpoint — and pages of HTML are large, so that copying was
/// most of the queue's work on real pages (docs/BENCHMARKS.md). Here a payload
/// is written once, synced before the journal's commit that refers to it, and read back only after a
/// restart. A segment is deleted once no pending job has its payload there; a job that fails keeps its
/// payload in the journal's row instead, so that a retry finds it after its segment is gone.
///
/// ```swift
/// let log = try PayloadLog(directory: "pressline-data/queue.db-payloads")
/// let places = try log.append([payload])     // durable when this returns
/// let again = try log.read(places[0])
/// ```
final class PayloadLog: @unchecked Sendable {
    /// Where a payload lies.
    struct Place: Equatable {
        var segment: Int64
        var offset: Int64
        var length: Int64
    }

    /// A segment is closed for appending past this size.
    let segmentBytes: Int64

    private let directory: String
    // Appends and deletions run on the journal's writer thread, reads on the queue's loop (pread, any offset):
    // the lock guards the open segment's descriptor and size.
    private let lock = NSLock()
    private var segment: Int64
    private var descriptor: Int32 = -1
    private var size: Int64 = 0
    /// No segment before this one is on disk: deletion lists the folder only when there is something to delete.
    private var oldestOnDisk: Int64

    /// Opens the log in `directory` (created if need be). Appends go to a new segment: the last one may end
    /// in a torn write from a crash, which no committed job refers to.
    init(directory: String, segmentBytes: Int64 = 64 << 20) throws {
        self.directory = directory
        self.segmentBytes = segmentBytes
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let existing = Self.segments(in: directory)
        segment = (existing.max() ?? 0) + 1
        oldestOnDisk = existing.min() ?? segment
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Writes `payloads` one after another and syncs them; returns where each lies.
    func append(_ payloads: [Data]) throws -> [Place] {
        guard !payloads.isEmpty else { return [] }
        lock.lock()
        defer { lock.unlock() }
        if descriptor < 0 || size >= segmentBytes { try openNextSegment() }
        var places: [Place] = []
        places.reserveCapacity(payloads.count)
        var offset = size
        for payload in payloads {
            places.append(Place(segment: segment, offset: offset, length: Int64(payload.count)))
            offset += Int64(payload.count)
        }
        // One gathered write from the payloads where they lie: copying a commit's pages into one buffer first
        // means fresh memory, page-faulted in, for up to a window of pages (`JournalTests` reads them back).
        try Self.write(payloads, to: descriptor, at: size, path: path(of: segment))
        guard fdatasync(descriptor) == 0 else { throw JournalStorageError.write(path(of: segment), errno) }
        size = offset
        return places
    }

    /// Writes `buffers` back to back at `offset`: one `pwritev` for every 256 of them (each pinned by a nested
    /// closure, so the count bounds the stack used; IOV_MAX is 1,024), `pwrite` for whatever a short write left.
    /// `path` names the file in an error.
    private static func write(_ buffers: [Data], to descriptor: Int32, at offset: Int64, path: String) throws {
        var position = off_t(offset)
        var start = buffers.startIndex
        while start < buffers.endIndex {
            let chunk = buffers[start..<min(buffers.endIndex, start + 256)]
            let total = chunk.reduce(0) { $0 + $1.count }
            var vectors: [iovec] = []
            vectors.reserveCapacity(chunk.count)
            var done = withVectors(over: chunk, into: &vectors) { pwritev(descriptor, $0, Int32($0.count), position) }
            guard done >= 0 else { throw JournalStorageError.write(path, errno) }
            // A short write (a disk filling up, a signal): the rest of the chunk byte range by byte range.
            var skipped = 0
            for buffer in chunk {
                defer { skipped += buffer.count }
                guard done < skipped + buffer.count else { continue }
                try buffer.withUnsafeBytes { raw in
                    while done < skipped + raw.count {
                        let count = pwrite(descriptor, raw.baseAddress! + (done - skipped), skipped + raw.count - done, position + off_t(done))
                        guard count > 0 else { throw JournalStorageError.write(path, count < 0 ? errno : EIO) }
                        done += count
                    }
                }
            }
            position += off_t(total)
            start = chunk.endIndex
        }
    }

    /// Calls `body` with an `iovec` for each of `buffers`, valid while it runs.
    private static func withVectors<R>(over buffers: ArraySlice<Data>, into vectors: inout [iovec], _ body: ([iovec]) -> R) -> R {
        guard let first = buffers.first else { return body(vectors) }
        return first.withUnsafeBytes { raw in
            vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress), iov_len: raw.count))
            return withVectors(over: buffers.dropFirst(), into: &vectors, body)
        }
    }

    /// The payload at `place`.
    func read(_ place: Place) throws -> Data {
        let file = open(path(of: place.segment), O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw JournalStorageError.read(path(of: place.segment), errno) }
        defer { close(file) }
        var data = Data(count: Int(place.length))
        let count = data.withUnsafeMutableBytes { pread(file, $0.baseAddress!, Int(place.length), off_t(place.offset)) }
        guard count == Int(place.length) else { throw JournalStorageError.read(path(of: place.segment), count < 0 ? errno : EIO) }
        return data
    }

    /// Deletes the closed segments before `oldestNeeded` (every one but the open segment when nil).
    func deleteSegments(before oldestNeeded: Int64?) {
        lock.lock()
        defer { lock.unlock() }
        let limit = min(oldestNeeded ?? segment, segment)
        guard limit > oldestOnDisk else { return }
        for number in Self.segments(in: directory) where number < limit { unlink(path(of: number)) }
        oldestOnDisk = limit
    }

    private func openNextSegment() throws {
        if descriptor >= 0 {
            close(descriptor)
            segment += 1
        }
        let path = path(of: segment)
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw JournalStorageError.write(path, errno) }
        size = 0
        // The new file's name must survive a power cut as well as its bytes.
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    private func path(of number: Int64) -> String { (directory as NSString).appendingPathComponent(String(format: "%012lld.log", number)) }

    private static func segments(in directory: String) -> [Int64] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).compactMap { name in
            name.hasSuffix(".log") ? Int64(name.dropLast(4)) : nil
        }
    }
}

/// A payload file could not be written or read.
enum JournalStorageError: Error, CustomStringConvertible {
    case write(String, Int32)
    case read(String, Int32)
    /// A row the journal cannot have written.
    case corrupt(String)

    var description: String {
        switch self {
        case .write(let path, let code): "cannot write \(path): \(String(cString: strerror(code)))"
        case .read(let path, let code): "cannot read \(path): \(String(cString: strerror(code)))"
        case .corrupt(let what): "the journal is corrupt: \(what)"
        }
    }
}
