import Crypto
import Foundation

/// A job's id: the queue's key for one pushed input from SUBMIT to its final state, and what a resent
/// submission is recognised by.
///
/// ```swift
/// JobID.unique()                                   // a push of a file or text
/// JobID.forURL(URLNormalizer.normalize(address))   // the same URL pushed twice is one job
/// ```
public struct JobID: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static func < (left: JobID, right: JobID) -> Bool { left.rawValue < right.rawValue }

    /// A fresh id, for an input the queue has not seen.
    public static func unique() -> JobID { JobID(rawValue: UUID().uuidString.lowercased()) }

    /// The id of a URL in its normal form, so the queue takes a second push of it (or of a variant) as the
    /// resend of a job it has (`CLITests.urlVariants`): `url-` and 32 hex digits of its SHA-256.
    public static func forURL(_ normalizedURL: String) -> JobID {
        let hex = Crypto.SHA256.hash(data: Array(normalizedURL.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
        return JobID(rawValue: "url-" + hex)
    }
}
