import Foundation

/// The HTTP proxy the fetch stage goes through (`stages.fetch.proxy`, `stages.fetch.no_proxy`). URLSession on
/// Linux ignores `connectionProxyDictionary`, but the libcurl under it reads `http_proxy`, `https_proxy` and
/// `no_proxy` from the process's environment on every request, so a proxy from the pipeline file is handed to
/// it there; without one, those variables as the operator set them apply. Guarded by `FetchEncodingTests.proxy`.
///
/// ```swift
/// try ProxySettings(proxy: "http://proxy.example.org:3128", noProxy: ["intranet.example.org"]).apply()
/// ```
public struct ProxySettings: Sendable, Equatable {
    /// The proxy's URL (`http://host:port`), or nil to leave the environment as it is.
    public let proxy: String?
    /// Hosts reached directly (libcurl's `no_proxy` list: names, domain suffixes, addresses).
    public let noProxy: [String]

    /// Settings for `proxy`, checked: an http or https URL with a host.
    public init(proxy: String?, noProxy: [String] = []) throws(FetchRefusal) {
        if let proxy {
            guard let url = URL(string: proxy), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                  let host = url.host, !host.isEmpty else {
                throw FetchRefusal(message: "stages.fetch.proxy '\(proxy)' is not a proxy URL; write it as http://HOST:PORT")
            }
        }
        self.proxy = proxy
        self.noProxy = noProxy
    }

    /// Sets the environment libcurl reads, for this process and the requests it makes from now on.
    public func apply() {
        if let proxy {
            for name in ["http_proxy", "https_proxy"] { setenv(name, proxy, 1) }
        }
        if !noProxy.isEmpty { setenv("no_proxy", noProxy.joined(separator: ","), 1) }
    }
}
