import Foundation

extension String {
    /// `String(decoding: bytes, as: UTF8.self)`, built run by run.
    ///
    /// The standard library checks a buffer that is all ASCII a word at a time, but validates any other
    /// byte by byte, so a page with a few curly quotes is validated whole the slow way. Here long ASCII runs take the word-at-a-time check and only the stretches around other
    /// scalars the byte-by-byte one. The String is the same, repairs included: an ASCII byte ends any ill-formed
    /// sequence, and runs are cut only next to one.
    ///
    /// ```swift
    /// let page = data.withUnsafeBytes { String(decodingUTF8: $0.bindMemory(to: UInt8.self)) }
    /// ```
    public init(decodingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        // Below this an ASCII run is cheaper validated with its neighbours than made a String of its own.
        let longRun = 64
        guard bytes.count > 4 * longRun else {
            self = String(decoding: bytes, as: UTF8.self)
            return
        }
        func piece(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        let raw = UnsafeRawBufferPointer(bytes)
        var result = ""
        result.reserveCapacity(bytes.count)
        var pending = 0
        var index = 0
        while index < bytes.count {
            let runStart = index
            while index + 8 <= bytes.count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { index += 8 }
            while index < bytes.count, bytes[index] < 0x80 { index += 1 }
            if index - runStart >= longRun {
                if runStart > pending { result.append(piece(pending..<runStart)) }
                result.append(piece(runStart..<index))
                pending = index
            }
            while index < bytes.count, bytes[index] >= 0x80 { index += 1 }
        }
        if pending < bytes.count { result.append(piece(pending..<bytes.count)) }
        self = result
    }

    /// ``init(decodingUTF8:)`` over `data`.
    public init(decodingUTF8 data: Data) {
        self = data.withUnsafeBytes { String(decodingUTF8: $0.bindMemory(to: UInt8.self)) }
    }
}
