import Foundation

/// Which hosts the fetch stage may reach. Anyone who can submit a URL chooses where the fetch worker connects,
/// so by default it reaches only public addresses: never this machine, a private network, a link-local range
/// or a cloud metadata endpoint (server-side request forgery). A pipeline file opens ranges on purpose with
/// `stages.fetch.allow_networks` (tests do, for their loopback servers). Guarded by `AddressPolicyTests` and
/// `PipelineTests.ssrf`.
///
/// ```swift
/// let policy = try AddressPolicy(allowing: ["127.0.0.2/32"])
/// try policy.check(host: "169.254.169.254")   // throws: a link-local address
/// ```
public struct AddressPolicy: Sendable, Equatable {
    /// Networks reachable although they are not public.
    public let allowed: [IPNetwork]

    /// A policy that opens `networks` (CIDR text such as `10.1.0.0/16` or `::1/128`) beyond the public internet.
    public init(allowing networks: [String]) throws(IPNetwork.ParseError) {
        allowed = try networks.map { (text) throws(IPNetwork.ParseError) in try IPNetwork(text) }
    }

    /// The public internet only.
    public init() { allowed = [] }

    /// Ranges that are not the public internet, with the words an error uses for them (IANA special-purpose
    /// registries, RFC 6890).
    static let reserved: [(network: IPNetwork, what: String)] = [
        ("0.0.0.0/8", "an unspecified address"), ("10.0.0.0/8", "a private address"),
        ("100.64.0.0/10", "a shared (carrier-grade NAT) address"), ("127.0.0.0/8", "a loopback address"),
        ("169.254.0.0/16", "a link-local or cloud metadata address"), ("172.16.0.0/12", "a private address"),
        ("192.0.0.0/24", "an IETF protocol address"), ("192.168.0.0/16", "a private address"),
        ("198.18.0.0/15", "a benchmarking address"), ("224.0.0.0/4", "a multicast address"),
        ("240.0.0.0/4", "a reserved address"), ("::/128", "an unspecified address"), ("::1/128", "a loopback address"),
        ("fc00::/7", "a private (unique local) address"), ("fe80::/10", "a link-local address"),
        ("ff00::/8", "a multicast address"),
    ].map { (try! IPNetwork($0.0), $0.1) }

    /// Why `address` may not be reached, or nil when it may.
    public func refusal(for address: IPAddress) -> String? {
        if allowed.contains(where: { $0.contains(address) }) { return nil }
        // IPv4 inside IPv6 (mapped, NAT64, 6to4) is judged as the IPv4 address it carries.
        if let embedded = address.embeddedIPv4 { return refusal(for: embedded) }
        return Self.reserved.first { $0.network.contains(address) }?.what
    }

    /// Resolves `host` and refuses it when any of its addresses may not be reached (one forbidden address is
    /// enough: the connection may pick any of them).
    public func check(host: String) throws(FetchRefusal) {
        let addresses = try Self.resolve(host)
        for address in addresses {
            if let what = refusal(for: address) {
                throw FetchRefusal(message: "\(host) resolves to \(address), \(what), which the fetch stage does not reach; "
                                   + "allow it with stages.fetch.allow_networks = [\"\(address)/\(address.bits)\"]")
            }
        }
    }

    /// Every address `host` resolves to (an address literal resolves to itself).
    static func resolve(_ host: String) throws(FetchRefusal) -> [IPAddress] {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let literal = IPAddress(bare) { return [literal] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(bare, nil, &hints, &list)
        guard code == 0, let list else {
            let reason = String(cString: gai_strerror(code))
            throw FetchRefusal(message: "cannot resolve \(host): \(reason)", transient: code == EAI_AGAIN)
        }
        defer { freeaddrinfo(list) }
        var out: [IPAddress] = []
        for entry in sequence(first: list, next: { $0.pointee.ai_next }) {
            if let address = IPAddress(entry.pointee.ai_addr) { out.append(address) }
        }
        guard !out.isEmpty else { throw FetchRefusal(message: "cannot resolve \(host): no IPv4 or IPv6 address") }
        return out
    }
}

/// A URL the fetch stage will not request, and why.
public struct FetchRefusal: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// True when the same request may be allowed later (a DNS server that did not answer).
    public var transient = false
    public var description: String { message }
}
