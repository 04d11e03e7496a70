/// Stable article ids, so that a replayed job upserts the same row.
extension ArticleRecord {
    /// `u-` + 16 hex digits of SHA-256 of the canonical URL when there is one,
    /// else `t-` + 16 hex digits of SHA-256 of the text.
    ///
    /// ```swift
    /// ArticleRecord.makeID(canonicalURL: "https://example.com/a", text: body)   // "u-3f2a…"
    /// ```
    public static func makeID(canonicalURL: String?, text: String) -> String {
        if let url = canonicalURL, !url.isEmpty, !url.hasPrefix("file:") {
            return "u-" + SHA256.hex(url.utf8).prefix(16)
        }
        return "t-" + SHA256.hex(text.utf8).prefix(16)
    }
}
