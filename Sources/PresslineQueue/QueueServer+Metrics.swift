import Foundation
import PresslineCore
import ZeroMQ

extension QueueServer {
    /// Handles one message from the metrics STREAM socket: `[connection id, bytes]`.
    /// Answers `GET /metrics` with the Prometheus exposition and closes; anything else gets 404.
    func handleMetrics(_ frames: [Data]) throws {
        guard frames.count == 2, let socket = metricsSocket else { return }
        let connection = frames[0]
        switch metricsRequests.receive(frames[1], from: connection) {
        case .incomplete:
            break
        case .tooLarge:
            respond(socket, connection, status: "413 Payload Too Large", body: "request too large\n")
        case .request(let method, let path) where method == "GET" && (path == "/metrics" || path.hasPrefix("/metrics?")):
            respond(socket, connection, status: "200 OK", body: MetricsExposition.render(currentStatus()),
                    type: "text/plain; version=0.0.4; charset=utf-8")
        case .request:
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


