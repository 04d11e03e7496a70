import CZeroMQ

/// A failed libzmq call, with the operation and the errno libzmq reported.
///
/// ```swift
/// do { try socket.bind("tcp://127.0.0.1:5555") }
/// catch let error as ZMQError where error.code == EADDRINUSE { … }
/// ```
public struct ZMQError: Error, CustomStringConvertible, Sendable {
    /// The errno value (`zmq_errno()`) at the time of failure.
    public let code: Int32
    /// What was being done, e.g. `bind tcp://127.0.0.1:5555`.
    public let operation: String

    /// Captures `zmq_errno()` for `operation`.
    public init(operation: String, code: Int32 = zmq_errno()) {
        self.code = code
        self.operation = operation
    }

    /// libzmq's text for the error code.
    public var reason: String { String(cString: zmq_strerror(code)) }

    public var description: String { "\(operation): \(reason) (errno \(code))" }

    /// True for `EAGAIN`: a non-blocking call found nothing to do.
    public var isWouldBlock: Bool { code == EAGAIN }
    /// True when the context was terminated under the call.
    public var isTerminated: Bool { code == ETERM }
}

extension String {
    /// Decodes a NUL-terminated C buffer as UTF-8.
    init(zeroTerminated buffer: [CChar]) {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
