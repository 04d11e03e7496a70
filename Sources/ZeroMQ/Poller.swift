import CZeroMQ

/// Waits on several sockets at once.
public enum Poller {
    /// Waits up to `timeout` ms (-1 for ever) until one of `sockets` has a message to read.
    /// Returns, per socket, whether it is readable. A signal ends the wait early with all false.
    public static func poll(_ sockets: [Socket], timeout: Int) throws(ZMQError) -> [Bool] {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        let rc = zmq_poll(&items, Int32(items.count), timeout)
        if rc < 0 {
            let code = zmq_errno()
            if code == EINTR { return Array(repeating: false, count: sockets.count) }
            throw ZMQError(operation: "poll", code: code)
        }
        return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
    }
}
