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
}
