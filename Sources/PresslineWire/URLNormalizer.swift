import Foundation

/// One spelling for the URLs of one page: variants of a URL (case, default ports, dot segments, fragments,
/// tracking parameters, parameter order) name the same page and should be fetched once
/// (RFC 3986 section 6 for the syntax-based part; the tracking parameters are those analytics and ad
/// platforms append). Guarded by `URLNormalizerTests`.
///
/// ```swift
/// URLNormalizer.normalize("HTTP://Example.com:80/a/./b/../c?utm_source=x&b=2&a=1#top")
/// // "http://example.com/a/c?a=1&b=2"
/// ```
public enum URLNormalizer {
    /// Query parameters that say where a visitor came from, not which page it is.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
        "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "s_cid",
    ]

    /// The normal form of an http(s) URL; any other text (or another scheme) comes back as it is.
    public static func normalize(_ text: String) -> String {
        guard var parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parts.host, !host.isEmpty else { return text }
        parts.scheme = scheme
        parts.host = host.lowercased().hasSuffix(".") ? String(host.lowercased().dropLast()) : host.lowercased()
        if (scheme == "http" && parts.port == 80) || (scheme == "https" && parts.port == 443) { parts.port = nil }
        let path = removeDotSegments(parts.percentEncodedPath)
        parts.percentEncodedPath = path.isEmpty ? "/" : path
        parts.fragment = nil
        let kept = (parts.percentEncodedQueryItems ?? []).filter { item in
            let name = item.name.lowercased()
            return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
        }
        parts.percentEncodedQueryItems = kept.isEmpty ? nil
            : kept.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }.map(\.element)
        return parts.string ?? text
    }

    /// RFC 3986 section 5.2.4: `.` and `..` segments resolved, as a browser does before it asks.
    static func removeDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            switch segment {
            case ".":
                if last { output.append("") }
            case "..":
                if output.count > 1 { output.removeLast() }
                if last { output.append("") }
            default:
                output.append(segment)
            }
        }
        return output.joined(separator: "/")
    }
}
