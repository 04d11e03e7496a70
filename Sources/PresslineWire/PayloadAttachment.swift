import Foundation
import PresslineCore
import PresslineJSON

/// A payload whose page travels as raw bytes after its JSON (docs/PROTOCOL.md, "Attachments").
///
/// A page sent as a JSON string is escaped by the sender, stepped over character by character by the queue
/// and unescaped by the worker, and real pages hold a quote or a newline every few dozen bytes. As an
/// attachment it is copied, never read, until the stage that uses it (the saving is in docs/BENCHMARKS.md;
/// `WireTests` holds the round trip). JSON text never holds a NUL
/// byte, so the first NUL ends the JSON; what follows is the value of the input's `content`, UTF-8.
///
/// ```swift
/// let payload = PayloadAttachment.join(json: JSONWriter.encode(inputWithoutContent), attachment: Array(page.utf8))
/// let (json, page) = PayloadAttachment.split(payload)
/// ```
public enum PayloadAttachment {
    /// The byte between the JSON and the attachment.
    public static let separator: UInt8 = 0

    /// The JSON of `payload`, and its attachment when it has one.
    public static func split(_ payload: Data) -> (json: Data, attachment: Data?) {
        guard let nul = payload.withUnsafeBytes({ raw -> Int? in
            guard let base = raw.baseAddress, let found = memchr(base, Int32(separator), raw.count) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
        }) else { return (payload, nil) }
        let start = payload.startIndex
        return (payload[start..<(start + nul)], payload[(start + nul + 1)...])
    }

    /// `json`, the separator and `attachment`, as one payload.
    public static func join(json: some Collection<UInt8>, attachment: some Collection<UInt8>) -> Data {
        var payload = Data(capacity: json.count + 1 + attachment.count)
        payload.append(contentsOf: json)
        payload.append(separator)
        payload.append(contentsOf: attachment)
        return payload
    }

    /// A SUBMIT payload for `input`: its content, when it has one, as an attachment.
    public static func submission(_ input: Input) -> Data {
        guard let content = input.content else { return Data(JSONWriter.encode(input)) }
        return submission(input, attaching: content.utf8)
    }

    /// A SUBMIT payload for `input` with `page`'s bytes, as read, for its content. Nothing decodes them on the
    /// way: the stage that reads the page repairs invalid UTF-8 as ``Swift/String/init(decodingUTF8:)`` does,
    /// which is what decoding them here would have done, at a cost to every push.
    public static func submission(_ input: Input, attaching page: some Collection<UInt8>) -> Data {
        var bare = input
        bare.content = nil
        return join(json: JSONWriter.encode(bare), attachment: page)
    }

    /// The Document of a WORK payload, its input's content taken from the attachment when there is one.
    public static func document(from payload: Data) throws(JSONReadError) -> Document {
        let (json, attachment) = split(payload)
        var document = try JSONReader.decode(Document.self, from: json)
        if let attachment { document.input.content = String(decodingUTF8: attachment) }
        return document
    }
}
