import Crypto

/// SHA-256 (FIPS 180-4) as hex, for content ids and pipeline ids: swift-crypto's, which uses the CPU's SHA
/// instructions through BoringSSL (measured against the C code it replaced: docs/BENCHMARKS.md).
///
/// ```swift
/// SHA256.hex(Array("abc".utf8))   // "ba7816bf…"
/// ```
enum SHA256 {
    /// The digest of `bytes` as 64 lowercase hex digits.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        let digest = Crypto.SHA256.hash(data: Array(bytes))
        return String(unsafeUninitializedCapacity: 64) { text in
            for (index, byte) in digest.enumerated() {
                text[2 * index] = digits[Int(byte >> 4)]
                text[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return 64
        }
    }
}
