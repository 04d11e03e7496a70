import CZeroMQ

/// Integer socket options Pressline sets.
public enum IntOption: Sendable {
    /// Milliseconds queued messages may wait at close (0 drops them).
    case linger
    /// Messages queued per peer before sends block or drop.
    case sendHighWaterMark, receiveHighWaterMark
    /// Largest inbound message in bytes; a peer sending more is disconnected.
    case maxMessageSize
    /// Queue only to completed connections, so a dead peer does not swallow messages.
    case immediate
    /// ROUTER: fail with EHOSTUNREACH instead of dropping a message to an unknown peer.
    case routerMandatory
    /// Milliseconds between reconnect attempts.
    case reconnectInterval
    /// Milliseconds to wait for a send before EAGAIN (-1 blocks).
    case sendTimeout
    /// CURVE server role (1) for this socket.
    case curveServer

    var name: Int32 {
        switch self {
        case .linger: ZMQ_LINGER
        case .sendHighWaterMark: ZMQ_SNDHWM
        case .receiveHighWaterMark: ZMQ_RCVHWM
        case .maxMessageSize: ZMQ_MAXMSGSIZE
        case .immediate: ZMQ_IMMEDIATE
        case .routerMandatory: ZMQ_ROUTER_MANDATORY
        case .reconnectInterval: ZMQ_RECONNECT_IVL
        case .sendTimeout: ZMQ_SNDTIMEO
        case .curveServer: ZMQ_CURVE_SERVER
        }
    }
}

/// Byte-string socket options.
public enum BytesOption: Sendable {
    /// The identity a ROUTER peer sees for this socket.
    case routingID
    /// CURVE keys, as 40-character Z85 text.
    case curvePublicKey, curveSecretKey, curveServerKey
    /// SUB: the prefix to receive.
    case subscribe

    var name: Int32 {
        switch self {
        case .routingID: ZMQ_ROUTING_ID
        case .curvePublicKey: ZMQ_CURVE_PUBLICKEY
        case .curveSecretKey: ZMQ_CURVE_SECRETKEY
        case .curveServerKey: ZMQ_CURVE_SERVERKEY
        case .subscribe: ZMQ_SUBSCRIBE
        }
    }
}

extension Socket {
    /// Sets an integer option. `maxMessageSize` takes a 64-bit value, the rest 32-bit.
    public func setOption(_ option: IntOption, _ value: Int) throws(ZMQError) {
        let rc: Int32
        if option == .maxMessageSize {
            var wide = Int64(value)
            rc = zmq_setsockopt(handle, option.name, &wide, MemoryLayout<Int64>.size)
        } else {
            var narrow = Int32(value)
            rc = zmq_setsockopt(handle, option.name, &narrow, MemoryLayout<Int32>.size)
        }
        if rc != 0 { throw ZMQError(operation: "setsockopt \(option)") }
    }

    /// Sets a byte-string option.
    public func setOption(_ option: BytesOption, _ value: String) throws(ZMQError) {
        let bytes = Array(value.utf8)
        let rc = bytes.withUnsafeBytes { zmq_setsockopt(handle, option.name, $0.baseAddress, $0.count) }
        if rc != 0 { throw ZMQError(operation: "setsockopt \(option)") }
    }
}
