/// A stage's name, as the pipeline file, the wire and the journal spell it: one of the four stages Pressline
/// ships, or a custom stage's own name.
///
/// ```swift
/// config.nextStage(after: .clean)   // .extract
/// let custom: StageName = "sentiment"
/// ```
public struct StageName: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static let fetch: StageName = "fetch"
    public static let clean: StageName = "clean"
    public static let extract: StageName = "extract"
    public static let store: StageName = "store"

    /// The stages Pressline ships executables for, in pipeline order.
    static let shipped: [StageName] = [.fetch, .clean, .extract, .store]
}
