import CSHA256

/// SHA-256 (FIPS 180-4), for content ids. Foundation on Linux has no CryptoKit; the work is done in C
/// (`CSHA256`), with the CPU's SHA instructions where it has them.
///
/// ```swift
/// SHA256.hex(Array("abc".utf8))   // "ba7816bf…"
/// ```
public enum SHA256 {
    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        let digest = digest(bytes)
        return String(unsafeUninitializedCapacity: 64) { text in
            for (index, byte) in digest.enumerated() {
                text[2 * index] = digits[Int(byte >> 4)]
                text[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return 64
        }
    }

    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        digest(bytes, using: csha256_digest)
    }

    /// The digest computed without the CPU's SHA instructions, to check the two paths against each other.
    public static func portableDigest(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        digest(bytes, using: csha256_digest_portable)
    }

    /// Whether ``digest(_:)`` uses the CPU's SHA instructions here.
    public static var usesCPUInstructions: Bool { csha256_uses_cpu_instructions() != 0 }

    private static func digest(_ bytes: some Sequence<UInt8>,
                               using function: (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UInt8>?) -> Void) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            let hashed: Void? = bytes.withContiguousStorageIfAvailable { function($0.baseAddress, $0.count, out.baseAddress) }
            if hashed == nil {
                let copy = Array(bytes)
                copy.withUnsafeBufferPointer { function($0.baseAddress, $0.count, out.baseAddress) }
            }
            count = 32
        }
    }
}
