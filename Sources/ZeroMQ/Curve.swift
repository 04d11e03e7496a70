import CZeroMQ

/// A CURVE key pair in Z85 text (40 characters each).
public struct CurveKeyPair: Sendable, Equatable {
    /// The public half, given to peers.
    public let publicKey: String
    /// The secret half, kept by its owner.
    public let secretKey: String

    /// Generates a new key pair with libzmq (needs libzmq built with libsodium or tweetnacl).
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        if zmq_curve_keypair(&publicKey, &secretKey) != 0 { throw ZMQError(operation: "zmq_curve_keypair") }
        return CurveKeyPair(publicKey: String(zeroTerminated: publicKey), secretKey: String(zeroTerminated: secretKey))
    }

    /// Builds a pair from existing keys.
    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// Rebuilds a pair from its secret half (the public half is derived from it).
    public init(secretKey: String) throws(ZMQError) {
        var publicKey = [CChar](repeating: 0, count: 41)
        if zmq_curve_public(&publicKey, secretKey) != 0 { throw ZMQError(operation: "zmq_curve_public") }
        self.init(publicKey: String(zeroTerminated: publicKey), secretKey: secretKey)
    }

    /// The Z85 text of a 32-byte binary key (as ZAP requests carry it); nil for any other length.
    public static func z85(_ key: [UInt8]) -> String? {
        guard key.count == 32 else { return nil }
        var text = [CChar](repeating: 0, count: 41)
        guard zmq_z85_encode(&text, key, key.count) != nil else { return nil }
        return String(zeroTerminated: text)
    }
}

extension Socket {
    /// Makes this socket a CURVE server with `secretKey`: peers must know the matching public key.
    /// Call before `bind`.
    public func makeCurveServer(secretKey: String) throws(ZMQError) {
        try setOption(.curveServer, 1)
        try setOption(.curveSecretKey, secretKey)
    }

    /// Makes this socket a CURVE client of the server whose public key is `serverKey`, with
    /// `keyPair` (one made for this connection when nil; a queue with an allow-list refuses that).
    /// Call before `connect`.
    public func makeCurveClient(serverKey: String, keyPair: CurveKeyPair? = nil) throws(ZMQError) {
        let own: CurveKeyPair
        if let keyPair { own = keyPair } else { own = try CurveKeyPair.generate() }
        try setOption(.curveServerKey, serverKey)
        try setOption(.curvePublicKey, own.publicKey)
        try setOption(.curveSecretKey, own.secretKey)
    }
}
