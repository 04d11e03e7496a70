import AsyncHTTPClient
import Foundation

/// The HTTP proxy the fetch stage goes through (`stages.fetch.proxy`, `stages.fetch.no_proxy`), else the one
/// the environment names (`https_proxy`, `http_proxy`, `no_proxy`, as curl and most tools read them).
/// Guarded by `FetchEncodingTests.proxy`.
///
/// ```swift
/// let settings = try ProxySettings(proxy: "http://proxy.example.org:3128", noProxy: ["intranet.example.org"])
/// ```
public struct ProxySettings: Sendable {
    /// The proxy, or nil for direct connections.
    let server: HTTPClient.Configuration.Proxy?
    /// Hosts reached directly: names (with their subdomains) or addresses; `*` is every host.
    let noProxy: [String]

    /// Settings for `proxy` (`http://HOST:PORT`), checked: a URL with a host.
    public init(proxy: String?, noProxy: [String] = []) throws(FetchRefusal) {
        if let proxy {
            guard let url = URL(string: proxy), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                  let host = url.host, !host.isEmpty else {
                throw FetchRefusal(message: "stages.fetch.proxy '\(proxy)' is not a proxy URL; write it as http://HOST:PORT")
            }
            server = .server(host: host, port: url.port ?? 80)
        } else {
            server = nil
        }
        self.noProxy = noProxy.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .")).lowercased() }.filter { !$0.isEmpty }
    }

    /// The environment's proxy, or none when it names none (or names one that is no URL).
    public static func environment(_ variables: [String: String] = ProcessInfo.processInfo.environment) -> ProxySettings {
        let proxy = ["https_proxy", "HTTPS_PROXY", "http_proxy"].lazy.compactMap { variables[$0] }.first { !$0.isEmpty }
        let noProxy = (variables["no_proxy"] ?? variables["NO_PROXY"] ?? "").split(separator: ",").map(String.init)
        return (try? ProxySettings(proxy: proxy, noProxy: noProxy)) ?? (try! ProxySettings(proxy: nil))
    }

    /// Whether `host` is reached without the proxy.
    func bypasses(_ host: String) -> Bool {
        let host = host.lowercased()
        return noProxy.contains { $0 == "*" || host == $0 || host.hasSuffix("." + $0) }
    }
}
