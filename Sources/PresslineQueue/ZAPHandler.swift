import Foundation
import Logging
import PresslineCore
import PresslineWire
import ZeroMQ

/// Lets a CURVE client in only when its public key is on the allow-list, by answering libzmq's
/// ZAP requests (ZeroMQ RFC 27) for every socket of the queue's context.
///
/// Without it, CURVE proves who the *queue* is and encrypts, but lets in any client that knows
/// the queue's public key — which is public by nature.
///
/// ```swift
/// let zap = try ZAPHandler(context: context, authorized: AuthorizedKeys.read("keys/authorized"), logger: logger)
/// // bind the CURVE sockets after this, then call zap.answer() whenever zap.socket is readable
/// ```
final class ZAPHandler {
    /// Where libzmq sends ZAP requests; a handler must be bound there before peers connect.
    static let endpoint = "inproc://zeromq.zap.01"

    let socket: Socket
    private let authorized: Set<String>
    private let logger: Logger
    /// Handshakes refused since start.
    private(set) var refused = 0

    init(context: Context, authorized: Set<String>, logger: Logger) throws {
        self.authorized = authorized
        self.logger = logger
        socket = try Socket(context, type: .rep)
        try socket.setOption(.linger, 0)
        try socket.bind(Self.endpoint)
    }

    /// Answers every waiting request.
    func answer() throws {
        while let request = try socket.receiveNow() {
            try socket.send(reply(to: request))
        }
    }

    /// Request: version, request id, domain, address, routing id, mechanism, credentials…
    /// Reply: version, request id, status code, status text, user id, metadata.
    private func reply(to request: [Data]) -> [Data] {
        let requestID = request.count > 1 ? request[1] : Data()
        func answer(_ code: String, _ text: String, user: String = "") -> [Data] {
            [Data("1.0".utf8), requestID, Data(code.utf8), Data(text.utf8), Data(user.utf8), Data()]
        }
        guard request.count >= 7, String(decoding: request[0], as: UTF8.self) == "1.0" else {
            return answer("500", "malformed ZAP request")
        }
        let address = String(decoding: request[3], as: UTF8.self)
        let mechanism = String(decoding: request[5], as: UTF8.self)
        guard mechanism == "CURVE", let key = CurveKeyPair.z85([UInt8](request[6])) else {
            refused += 1
            logger.warning("connection refused: not CURVE", metadata: ["peer": "\(address)", "mechanism": "\(mechanism)"])
            return answer("400", "CURVE required")
        }
        guard authorized.contains(key) else {
            refused += 1
            if WireProtocol.logsDroppedMessage(refused) {
                logger.warning("connection refused: client key not authorized", metadata: [
                    "peer": "\(address)", "key": "\(key)", "refused_total": "\(refused)",
                ])
            }
            return answer("400", "client key not authorized")
        }
        return answer("200", "OK", user: key)
    }
}
