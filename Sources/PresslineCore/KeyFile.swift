import Foundation

/// CURVE key files as `pressline keygen` writes them: one 40-character Z85 key on a line.
///
/// ```swift
/// let serverKey = try KeyFile.read("keys/queue.pub")
/// ```
public enum KeyFile {
    /// Reads and checks a key file.
    public static func read(_ path: String) throws(ConfigError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, message: "cannot read the key file; `pressline keygen` writes one")
        }
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard key.count == 40, key.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 }) else {
            throw ConfigError(path: path, message: "not a CURVE key (40 Z85 characters expected)")
        }
        return key
    }

    /// Writes `key` to `path`, readable by its owner only when `secret`.
    public static func write(_ key: String, to path: String, secret: Bool) throws {
        try (key + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: secret ? 0o600 : 0o644], ofItemAtPath: path)
    }
}
