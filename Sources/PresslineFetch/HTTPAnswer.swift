import Foundation

/// What one GET came back with: the status and headers of the last hop, the URL it was answered at after
/// redirects, and the body with its content coding undone.
public struct HTTPAnswer: Sendable {
    public var status: Int
    /// Header fields as the server sent them, in order.
    public var headers: [(name: String, value: String)]
    public var url: URL
    public var body: Data

    /// The first value of header `name` (case does not matter).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The media type of `Content-Type`, lowercased ("text/html"), and its charset parameter, if any.
    var contentType: (mediaType: String?, charset: String?) {
        guard let value = header("Content-Type") else { return (nil, nil) }
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let charset = parts.dropFirst().first { $0.lowercased().hasPrefix("charset=") }
            .map { String($0.dropFirst("charset=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")) }
        return (parts.first.map { $0.lowercased() }, charset)
    }
}
