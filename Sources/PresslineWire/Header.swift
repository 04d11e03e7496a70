import Foundation
import PresslineCore
import PresslineJSON

/// The first frame of every message: a small versioned JSON object.
///
/// ```swift
/// let header = Header(.work, job: "j-1", stage: "clean", attempt: 1)
/// let frame = try header.encoded()
/// let back = try Header.decode(frame)
/// ```
public struct Header: Sendable, Equatable {
    /// Protocol version (``WireProtocol/version``).
    public var v: Int
    /// What the message is.
    public var type: MessageType
    /// The job the message is about.
    public var job: JobID?
    /// 1 for the first try of a job at a stage, then 2, 3, …
    public var attempt: Int?
    /// The stage a WORK is for, a RESULT comes from, or a READY worker serves.
    public var stage: StageName?
    /// Carried unchanged from SUBMIT through every hop, for tracing a job in logs.
    public var trace: String?
    /// Sender's clock, seconds since 1970.
    public var ts: Double?
    /// READY and HEARTBEAT from workers: jobs the worker can hold at once.
    public var credit: Int?
    /// FAILED and REJECTED: what went wrong, for a person.
    public var error: String?
    /// FAILED: true when retrying cannot help (a 404, a page that is not an article).
    public var permanent: Bool?
    /// FAILED: true when the stage itself cannot work for now (its disk is full), not the job;
    /// the queue retries the job later without counting an attempt.
    public var unavailable: Bool?
    /// REJECTED: true when the same request may succeed later (the queue is full).
    public var retry: Bool?
    /// ACCEPTED/DONE: the stored article's id when known.
    public var article: String?
    /// READY/HEARTBEAT: the pipeline the worker belongs to (``PipelineConfig/id(dataDirectory:)``); REJECTED: the
    /// queue's own, when it turns away a worker of another pipeline.
    public var pipeline: String?
    /// RESULT: links the stage found to follow, each a new fetch job unless the queue has it already (a
    /// listing's stories; `stages.fetch.follow_depth` bounds how far from a pushed page they go).
    public var follow: [String]?
    /// RESULT: other URLs of the same page (where a redirect ended, its canonical URL): once the job is done,
    /// a push of any of them is taken as a push of this page, and not fetched again.
    public var aliases: [String]?
    /// RESULT and FAILED: seconds the fetched host asked to be left alone (robots.txt `Crawl-delay`, `Retry-After`);
    /// the queue rests the host.
    public var rest: Double?

    /// Creates a header of `type`, stamped with the current time.
    public init(_ type: MessageType, job: JobID? = nil, stage: StageName? = nil, attempt: Int? = nil) {
        self.v = WireProtocol.version
        self.type = type
        self.job = job
        self.stage = stage
        self.attempt = attempt
        self.ts = Date().timeIntervalSince1970
    }

    /// The JSON frame (compact, sorted keys).
    public func encoded() throws -> Data { Data(JSONWriter.encode(self)) }

    /// Parses a header frame, refusing another protocol version or an unknown type.
    public static func decode(_ frame: Data) throws(ProtocolError) -> Header {
        guard !frame.isEmpty else { throw .malformed("empty header frame") }
        let header: Header
        do {
            header = try JSONReader.decode(Header.self, from: frame)
        } catch {
            throw .malformed("header is not a Pressline header: \(error)")
        }
        guard header.v == WireProtocol.version else {
            throw .wrongVersion(header.v)
        }
        return header
    }
}

/// Why a received message was dropped.
public enum ProtocolError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The frames do not parse, or required fields are missing.
    case malformed(String)
    /// The header's `v` is not ours.
    case wrongVersion(Int)
    /// A known type arrived where it makes no sense (e.g. WORK at the queue).
    case unexpected(MessageType)

    public var description: String {
        switch self {
        case .malformed(let why): "malformed message: \(why)"
        case .wrongVersion(let v): "protocol version \(v) is not supported (this build speaks \(WireProtocol.version))"
        case .unexpected(let type): "unexpected \(type.rawValue) message on this socket"
        }
    }
}

extension Header: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { out in
            if let aliases { out.field("aliases", aliases) }
            out.field("article", article)
            out.field("attempt", attempt)
            out.field("credit", credit)
            out.field("error", error)
            if let follow { out.field("follow", follow) }
            out.field("job", job?.rawValue)
            out.field("permanent", permanent)
            out.field("rest", rest)
            out.field("pipeline", pipeline)
            out.field("retry", retry)
            out.field("stage", stage?.rawValue)
            out.field("trace", trace)
            out.field("ts", ts)
            out.field("type", type.rawValue)
            out.field("unavailable", unavailable)
            out.field("v", v)
        }
    }
}

extension Header: JSONReadable {
    /// What a read header starts from: nothing set, not even the clock (reading one must not stamp it).
    private static let blank: Header = {
        var header = Header(.heartbeat)
        header.ts = nil
        return header
    }()

    /// Every message's first frame goes through here: read directly rather than through Foundation's decoder.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var version: Int?, type: MessageType?
        var header = Self.blank
        try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
            switch key {
            case "v": version = try member.integer()
            case "type": type = try member.enumeration(MessageType.self, what: "message type")
            case "job": header.job = try member.optionalString().map { JobID(rawValue: $0) }
            case "attempt": header.attempt = try member.optionalInteger()
            case "stage": header.stage = try member.optionalString().map { StageName(rawValue: $0) }
            case "trace": header.trace = try member.optionalString()
            case "ts": header.ts = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.double() }
            case "credit": header.credit = try member.optionalInteger()
            case "error": header.error = try member.optionalString()
            case "permanent": header.permanent = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.boolean() }
            case "unavailable": header.unavailable = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.boolean() }
            case "retry": header.retry = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.boolean() }
            case "article": header.article = try member.optionalString()
            case "pipeline": header.pipeline = try member.optionalString()
            case "aliases": header.aliases = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.strings() }
            case "rest": header.rest = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.double() }
            case "follow": header.follow = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.strings() }
            default: try member.skipValue()
            }
        }
        guard let version else { throw reader.missing("v", in: "Header") }
        guard let type else { throw reader.missing("type", in: "Header") }
        header.v = version
        header.type = type
        self = header
    }
}
