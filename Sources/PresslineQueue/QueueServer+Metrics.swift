import Foundation
import PresslineCore
import ZeroMQ

extension QueueServer {
    /// Largest HTTP request read from a scraper, in bytes; more is refused.
    static let maxMetricsRequest = 8 << 10

    /// Handles one message from the metrics STREAM socket: `[connection id, bytes]`.
    /// Answers `GET /metrics` with the Prometheus exposition and closes; anything else gets 404.
    func handleMetrics(_ frames: [Data]) throws {
        guard frames.count == 2, let socket = metricsSocket else { return }
        let connection = frames[0], bytes = frames[1]
        // An empty frame announces a connection opening or closing.
        if bytes.isEmpty { metricsRequests[connection] = nil; return }
        var request = metricsRequests[connection, default: Data()]
        request.append(bytes)
        guard request.count <= Self.maxMetricsRequest else {
            metricsRequests[connection] = nil
            return respond(socket, connection, status: "413 Payload Too Large", body: "request too large\n")
        }
        guard let text = String(data: request, encoding: .utf8), text.contains("\r\n\r\n") || text.contains("\n\n") else {
            metricsRequests[connection] = request
            return
        }
        metricsRequests[connection] = nil
        let line = text.prefix { $0 != "\r" && $0 != "\n" }.split(separator: " ")
        if line.count >= 2, line[0] == "GET", line[1] == "/metrics" || line[1].hasPrefix("/metrics?") {
            respond(socket, connection, status: "200 OK", body: MetricsExposition.render(currentStatus()),
                    type: "text/plain; version=0.0.4; charset=utf-8")
        } else {
            respond(socket, connection, status: "404 Not Found", body: "GET /metrics\n")
        }
    }

    private func respond(_ socket: Socket, _ connection: Data, status: String, body: String, type: String = "text/plain; charset=utf-8") {
        let response = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        // Sending the id with an empty frame closes the connection after the response.
        try? socket.send([connection, Data(response.utf8)], dontWait: true)
        try? socket.send([connection, Data()], dontWait: true)
    }
}


