import CZeroMQ
import Foundation

/// One ZeroMQ socket. Not thread-safe: create and use it on one thread.
///
/// ```swift
/// let socket = try Socket(context, type: .dealer)
/// try socket.setOption(.linger, 500)
/// try socket.connect("tcp://127.0.0.1:5555")
/// try socket.send([header, payload])
/// let frames = try socket.receive()   // nil when nothing arrived within the timeout
/// ```
public final class Socket {
    let handle: UnsafeMutableRawPointer
    /// The socket pattern.
    public let type: SocketType
    private var closed = false
    /// Held so the context outlives its sockets: terminating a context with a socket still open
    /// blocks for ever (as when an initializer throws half-way and releases both).
    private let context: Context

    /// Creates a socket of `type` in `context`. The default linger is 1 s, so a
    /// close never blocks `Context.terminate()` forever.
    public init(_ context: Context, type: SocketType) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw ZMQError(operation: "zmq_socket")
        }
        self.handle = handle
        self.type = type
        self.context = context
        try setOption(.linger, 1000)
    }

    deinit { close() }

    /// Closes the socket. Idempotent.
    public func close() {
        guard !closed else { return }
        closed = true
        zmq_close(handle)
    }

    /// Binds to `endpoint` (`tcp://127.0.0.1:5555`, `tcp://127.0.0.1:*`, `ipc:///tmp/x`, `inproc://x`).
    public func bind(_ endpoint: String) throws(ZMQError) {
        if zmq_bind(handle, endpoint) != 0 { throw ZMQError(operation: "bind \(endpoint)") }
    }

    /// Connects to `endpoint`; libzmq reconnects by itself when the peer restarts.
    public func connect(_ endpoint: String) throws(ZMQError) {
        if zmq_connect(handle, endpoint) != 0 { throw ZMQError(operation: "connect \(endpoint)") }
    }

    /// The endpoint actually bound last, which resolves a `*` port.
    public var lastEndpoint: String {
        var buffer = [CChar](repeating: 0, count: 256)
        var size = buffer.count
        zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size)
        return String(zeroTerminated: buffer)
    }

    /// Sends `frames` as one multipart message.
    ///
    /// - Parameters:
    ///   - frames: the parts, in order; at least one.
    ///   - dontWait: fail with `EAGAIN` instead of blocking when the high-water mark is reached.
    public func send(_ frames: [Data], dontWait: Bool = false) throws(ZMQError) {
        precondition(!frames.isEmpty, "a ZeroMQ message has at least one frame")
        for (index, frame) in frames.enumerated() {
            var flags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
            if index < frames.count - 1 { flags |= ZMQ_SNDMORE }
            try sendFrame(frame, flags: flags)
        }
    }

    private func sendFrame(_ frame: Data, flags: Int32) throws(ZMQError) {
        while true {
            let rc = frame.withUnsafeBytes { raw in
                zmq_send(handle, raw.baseAddress, raw.count, flags)
            }
            if rc >= 0 { return }
            let code = zmq_errno()
            if code != EINTR { throw ZMQError(operation: "send", code: code) }
        }
    }

    /// Receives one multipart message, waiting at most `timeout` milliseconds
    /// (-1 waits for ever, 0 does not wait). Returns nil when none arrived.
    public func receive(timeout: Int = -1) throws(ZMQError) -> [Data]? {
        if timeout >= 0 {
            guard try poll(timeout: timeout) else { return nil }
        }
        return try receiveMultipart(flags: 0)
    }

    /// Receives one multipart message if one is waiting, without blocking.
    public func receiveNow() throws(ZMQError) -> [Data]? {
        do {
            return try receiveMultipart(flags: ZMQ_DONTWAIT)
        } catch where error.isWouldBlock {
            return nil
        }
    }

    private func receiveMultipart(flags: Int32) throws(ZMQError) -> [Data] {
        let message = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
        defer { message.deallocate() }
        var frames: [Data] = []
        var more = true
        while more {
            zmq_msg_init(message)
            defer { zmq_msg_close(message) }
            while zmq_msg_recv(message, handle, frames.isEmpty ? flags : 0) < 0 {
                let code = zmq_errno()
                if code != EINTR { throw ZMQError(operation: "receive", code: code) }
            }
            let size = zmq_msg_size(message)
            frames.append(size == 0 ? Data() : Data(bytes: zmq_msg_data(message), count: size))
            more = zmq_msg_more(message) == 1
        }
        return frames
    }

    /// Waits up to `timeout` ms for a message to read; true when one is waiting.
    public func poll(timeout: Int) throws(ZMQError) -> Bool {
        try Poller.poll([self], timeout: timeout).first ?? false
    }
}
