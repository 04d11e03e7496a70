import Foundation

/// Assembles the HTTP requests that arrive on the metrics socket, frame by frame, per connection: bounded in
/// size, so a scraper (or anyone on loopback) cannot make the queue hold more than a few kilobytes a
/// connection (`MetricsRequestsTests`, `FuzzTests`).
struct MetricsRequests {
    /// Largest HTTP request read from a scraper, in bytes; more is refused.
    static let maxBytes = 8 << 10

    /// What the bytes received so far make.
    enum Outcome: Equatable {
        /// The request is not whole yet, or the connection opened or closed.
        case incomplete
        /// Past ``maxBytes``: answer 413 and forget the connection.
        case tooLarge
        /// A whole request: its method and path.
        case request(method: String, path: String)
    }

    private var partial: [Data: Data] = [:]

    /// Takes `bytes` from `connection`; an empty frame announces the connection opening or closing.
    mutating func receive(_ bytes: Data, from connection: Data) -> Outcome {
        guard !bytes.isEmpty else {
            partial[connection] = nil
            return .incomplete
        }
        var request = partial[connection, default: Data()]
        request.append(bytes)
        guard request.count <= Self.maxBytes else {
            partial[connection] = nil
            return .tooLarge
        }
        guard let text = String(data: request, encoding: .utf8), text.contains("\r\n\r\n") || text.contains("\n\n") else {
            partial[connection] = request
            return .incomplete
        }
        partial[connection] = nil
        let line = text.prefix { $0 != "\r" && $0 != "\n" }.split(separator: " ")
        return .request(method: line.first.map(String.init) ?? "", path: line.count > 1 ? String(line[1]) : "")
    }

    /// Connections with part of a request held.
    var pending: Int { partial.count }
}

/// Something the loop does at most once per `interval` seconds (heartbeats, repeated alerts).
struct Every {
    let interval: Double
    private var last = -Double.infinity

    init(_ interval: Double) { self.interval = interval }

    /// True, and counted as done, when `interval` has passed since the last time.
    mutating func due(_ now: Double) -> Bool {
        guard now - last >= interval else { return false }
        last = now
        return true
    }
}
