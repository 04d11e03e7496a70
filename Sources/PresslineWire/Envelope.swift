import Foundation
import PresslineCore
import PresslineJSON

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

    /// The frames of a message carrying `envelopes`: one envelope in its plain form, several as a batch
    /// `[header₁, payload₁, header₂, payload₂, …]` with an empty frame for a missing payload. Batches carry many
    /// jobs per message, so a hop costs one wake-up of each process for all of them rather than one per job.
    ///
    /// ```swift
    /// try socket.send([worker] + Envelope.frames(of: works))
    /// ```
    public static func frames(of envelopes: [Envelope]) throws -> [Data] {
        guard envelopes.count > 1 else { return try envelopes.first?.frames() ?? [] }
        var frames: [Data] = []
        frames.reserveCapacity(envelopes.count * 2)
        for envelope in envelopes {
            frames.append(try envelope.header.encoded())
            frames.append(envelope.payload ?? Data())
        }
        return frames
    }

    /// `envelopes` cut into batches of at most ``WireProtocol/maxBatchEnvelopes`` and, past the first
    /// envelope, ``WireProtocol/maxBatchBytes`` of payload.
    public static func batches(_ envelopes: [Envelope]) -> [[Envelope]] {
        var batches: [[Envelope]] = []
        var current: [Envelope] = []
        var bytes = 0
        for envelope in envelopes {
            let size = envelope.payload?.count ?? 0
            if !current.isEmpty && (current.count == WireProtocol.maxBatchEnvelopes || bytes + size > WireProtocol.maxBatchBytes) {
                batches.append(current)
                current = []
                bytes = 0
            }
            current.append(envelope)
            bytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// The envelopes of a message, plain or batch (see ``frames(of:)``). A batch's envelopes decode one by
    /// one: a bad header costs only its own envelope (its error is in its place); a batch of an odd number
    /// of frames is malformed as a whole.
    public static func parseAll(_ frames: ArraySlice<Data>) throws(ProtocolError) -> [Result<Envelope, ProtocolError>] {
        guard frames.count > 2 else { return [.success(try parse(frames))] }
        guard frames.count % 2 == 0 else { throw .malformed("a batch of \(frames.count) frames: header and payload frames come in pairs") }
        return stride(from: frames.startIndex, to: frames.endIndex, by: 2).map { index in
            let payload = frames[index + 1]
            return Result { () throws(ProtocolError) in Envelope(try Header.decode(frames[index]), payload: payload.isEmpty ? nil : payload) }
        }
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
