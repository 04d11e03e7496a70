import CZeroMQ

/// The ZeroMQ socket patterns Pressline uses.
public enum SocketType: Sendable {
    case router, dealer, push, pull, pair, req, rep, pub, sub
    /// Raw TCP: frames are [connection id, bytes]; an empty frame opens or closes a connection.
    case stream

    var rawValue: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .pair: ZMQ_PAIR
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .stream: ZMQ_STREAM
        }
    }
}
