import Foundation

/// A Pressline message without its routing frames: header plus optional payload.
///
/// ```swift
/// let frames = try Envelope(Header(.status)).frames()
/// let reply = try Envelope.parse(received[...])
/// ```
public struct Envelope: Sendable {
    /// The header frame, decoded.
    public var header: Header
    /// The payload frame, when the type has one.
    public var payload: Data?

    /// Creates an envelope.
    public init(_ header: Header, payload: Data? = nil) {
        self.header = header
        self.payload = payload
    }

    /// The frames to send: `[header]` or `[header, payload]`.
    public func frames() throws -> [Data] {
        let head = try header.encoded()
        return payload.map { [head, $0] } ?? [head]
    }

    /// Parses `[header]` or `[header, payload]`; more frames are malformed.
    public static func parse(_ frames: ArraySlice<Data>) throws(ProtocolError) -> Envelope {
        guard let first = frames.first else { throw .malformed("no frames") }
        guard frames.count <= 2 else { throw .malformed("\(frames.count) frames where at most 2 are allowed") }
        return Envelope(try Header.decode(first), payload: frames.count == 2 ? frames.last : nil)
    }

    /// Reads the payload as `T` with ``JSONReader``, failing with a protocol error that names the type.
    public func readPayload<T: JSONReadable>(_ type: T.Type) throws(ProtocolError) -> T {
        guard let payload else { throw .malformed("\(header.type.rawValue) needs a payload") }
        do {
            return try JSONReader.decode(T.self, from: payload)
        } catch {
            throw .malformed("\(header.type.rawValue) payload is not a \(T.self): \(error)")
        }
    }

    /// Decodes the payload as `T`, failing with a protocol error that names the type.
    public func decodePayload<T: Decodable>(_ type: T.Type) throws(ProtocolError) -> T {
        guard let payload else { throw .malformed("\(header.type.rawValue) needs a payload") }
        do {
            return try JSON.decoder.decode(T.self, from: payload)
        } catch {
            throw .malformed("\(header.type.rawValue) payload is not a \(T.self): \(JSON.describe(error))")
        }
    }
}
