import Foundation
import PresslineCore

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

    /// Reads an allow-list: one public key a line, optionally followed by a space and a comment;
    /// blank lines and lines starting with `#` are ignored (Z85 keys may contain `#` themselves).
    public static func readList(_ path: String) throws(ConfigError) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, message: "cannot read the list of authorized keys; `pressline keygen --authorize FILE` adds to it")
        }
        var keys: Set<String> = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let key = String(trimmed.prefix { $0 != " " && $0 != "\t" })
            guard key.count == 40, key.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 }) else {
                throw ConfigError(path: "\(path):\(number + 1)", message: "not a CURVE public key (40 Z85 characters expected)")
            }
            keys.insert(key)
        }
        return keys
    }

    /// Writes `key` to `path`, readable by its owner only when `secret`.
    public static func write(_ key: String, to path: String, secret: Bool) throws {
        try (key + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: secret ? 0o600 : 0o644], ofItemAtPath: path)
    }
}
