import Foundation
import PresslineCore
import PresslineRuntime
import PresslineWire
import PresslineJSON

extension QueueServer {
    /// Handles one message from the submit socket. REQ clients add an empty
    /// delimiter frame after the routing id; DEALER clients do not. Both work.
    /// A DEALER client may send SUBMITs in batches (``Envelope/frames(of:)``); it then gets its
    /// ACCEPTED answers in batches too.
    func handleClient(_ frames: [Data]) throws {
        guard frames.count >= 2 else { return reject(ProtocolError.malformed("no frames after the routing id"), from: frames.first, socket: "submit") }
        let hasDelimiter = frames[1].isEmpty
        let route = Array(frames[0..<(hasDelimiter ? 2 : 1)])
        let requests: [Result<Envelope, ProtocolError>]
        do {
            requests = try Envelope.parseAll(frames[(hasDelimiter ? 2 : 1)...])
        } catch {
            reject(error, from: frames[0], socket: "submit")
            return reply(route, Self.rejection("\(error)", retry: false))
        }
        if requests.count > 1 && !hasDelimiter { commits.answersInBatches(to: frames[0]) }
        for request in requests {
            switch request {
            case .success(let envelope): handle(envelope, route: route)
            case .failure(let error):
                reject(error, from: frames[0], socket: "submit")
                reply(route, Self.rejection("\(error)", retry: false))
            }
        }
    }

    private func handle(_ envelope: Envelope, route: [Data]) {
        switch envelope.header.type {
        case .submit:
            submit(envelope, route: route)
        case .status, .jobs, .failures:
            commits.wait(route, envelope)
        case .retry:
            retry(envelope, route: route)
        default:
            reject(ProtocolError.unexpected(envelope.header.type), from: route[0], socket: "submit")
            reply(route, Self.rejection("\(envelope.header.type.rawValue) is not a client request", retry: false))
        }
    }

    private func submit(_ envelope: Envelope, route: [Data]) {
        let size = envelope.payload?.count ?? 0
        guard size <= WireProtocol.maxSubmitBytes else {
            return reply(route, Self.rejection("input is \(size) bytes; the limit is \(WireProtocol.maxSubmitBytes)", retry: false, job: envelope.header.job))
        }
        var input: SubmittedInput
        do {
            // A page sent as an attachment is journaled and handed on as it came, never read here.
            let (json, attachment) = PayloadAttachment.split(envelope.payload ?? Data())
            input = try Envelope(envelope.header, payload: json).readPayload(SubmittedInput.self)
            if let attachment, !attachment.isEmpty { input.hasContent = true }
        } catch {
            reject(error, from: route[0], socket: "submit")
            return reply(route, Self.rejection("\(error)", retry: false, job: envelope.header.job))
        }
        guard input.kind == .url ? input.url != nil : input.hasContent else {
            return reply(route, Self.rejection("a \(input.kind.rawValue) input needs \(input.kind == .url ? "url" : "content")", retry: false, job: envelope.header.job))
        }
        if let journalError = commits.journalError {
            return reply(route, Self.rejection("the queue \(journalError); try again once space is freed", retry: true, job: envelope.header.job))
        }
        // `unfinished` already counts this batch's inserts.
        if let full = unfinished.accept() {
            return reply(route, Self.rejection(full, retry: true, job: envelope.header.job))
        }
        let id = envelope.header.job ?? JobID.unique()
        commits.batch.inserts.append(.init(id: id, kind: input.kind, name: input.name ?? input.url,
                                   trace: envelope.header.trace ?? id.rawValue, payload: envelope.payload!))
        var accepted = Header(.accepted, job: id)
        accepted.trace = envelope.header.trace ?? id.rawValue
        // Answered only after the batch commits: ACCEPTED means durable.
        commits.wait(route, Envelope(accepted))
    }

    /// Sends failed and dead jobs back to pending (all of them for an empty list), answering once committed.
    private func retry(_ envelope: Envelope, route: [Data]) {
        do {
            let asked = try envelope.decodePayload([JobID].self)
            let candidates = asked.isEmpty ? try journal.finalFailures(limit: pipeline.queue.maxUnfinished) : asked
            let eligible = try journal.reports(for: candidates).filter { $0.state == .failed || $0.state == .dead }.map(\.job)
            commits.batch.retries += eligible
            unfinished.reopen(eligible.count)
            logger.info("jobs sent back for retry", metadata: ["count": "\(eligible.count)"])
            commits.wait(route, Envelope(Header(.retry), payload: try JSON.encoder.encode(eligible)))
        } catch {
            reject(error, from: route[0], socket: "submit")
            reply(route, Self.rejection("\(error)", retry: false))
        }
    }

    /// Sends the answer to a deferred request, now that the batch is committed.
    func answer(route: [Data], request: Envelope) {
        switch request.header.type {
        case .accepted, .retry:
            reply(route, request)
        case .status:
            reply(route, statusReply())
        case .failures:
            do {
                let limit = try request.decodePayload(Int.self)
                reply(route, Envelope(Header(.failures), payload: try JSON.encoder.encode(try journal.failures(limit: max(0, min(limit, 10_000))))))
            } catch {
                reject(error, from: route[0], socket: "submit")
                reply(route, Self.rejection("\(error)", retry: false))
            }
        case .jobs:
            do {
                let ids = try request.decodePayload([JobID].self)
                var reports = try journal.reports(for: ids)
                for index in reports.indices where reports[index].state == .pending && scheduler.holds(reports[index].job) {
                    reports[index].state = .active
                }
                reply(route, Envelope(Header(.jobs), payload: try JSON.encoder.encode(reports)))
            } catch {
                reject(error, from: route[0], socket: "submit")
                reply(route, Self.rejection("\(error)", retry: false))
            }
        default:
            break
        }
    }

    private func statusReply() -> Envelope {
        Envelope(Header(.status), payload: try? JSON.encoder.encode(currentStatus()))
    }

    /// The queue's counters now (STATUS and /metrics).
    func currentStatus() -> QueueStatus {
        let counts = (try? journal.counts()) ?? [:]
        let active = scheduler.activeCount
        let now = monotonicSeconds()
        var stages = scheduler.figures()
        for index in stages.indices {
            stages[index].rate = rates.rate(of: stages[index].stage)
            if let problem = scheduler.unavailable[stages[index].stage] {
                stages[index].unavailable = "\(problem.reason) (for \(Int(now - problem.since)) s)"
            }
        }
        var status = QueueStatus(
            pending: max(0, (counts[.pending] ?? 0) - active), active: active, done: counts[.done] ?? 0,
            failed: counts[.failed] ?? 0, dead: counts[.dead] ?? 0, stages: stages, malformed: malformed,
            uptime: now - startedAt)
        status.journalError = commits.journalError
        return status
    }

    private static func rejection(_ reason: String, retry: Bool, job: JobID? = nil) -> Envelope {
        var header = Header(.rejected, job: job)
        header.error = reason
        header.retry = retry
        return Envelope(header)
    }

    private func reply(_ route: [Data], _ envelope: Envelope) {
        send(route, [envelope])
    }

    /// Sends `envelopes` to a client in one message (a batch when there are several).
    func send(_ route: [Data], _ envelopes: [Envelope]) {
        do {
            try clients.send(route + Envelope.frames(of: envelopes), dontWait: true)
        } catch {
            // The client left before its answer; it will ask again.
            logger.info("client reply undeliverable", metadata: ["peer": "\(peer(route[0]))", "error": "\(error)"])
        }
    }
}

/// What the queue reads of a submitted ``Input``: enough to validate and journal it. The content is
/// checked for presence but stepped over, never decoded into a string: it was the queue's largest cost per article.
struct SubmittedInput: JSONReadable {
    var kind: Input.Kind
    var url: String?
    var name: String?
    var hasContent = false

    init(json reader: inout JSONReader) throws(JSONReadError) {
        var kind: Input.Kind?
        var url: String?, name: String?, hasContent = false
        try reader.object { (member: inout JSONReader, key: String) throws(JSONReadError) in
            switch key {
            case "kind": kind = try member.enumeration(Input.Kind.self, what: "input kind")
            case "url": url = try member.optionalString()
            case "name": name = try member.optionalString()
            case "content": hasContent = try member.optional { (value: inout JSONReader) throws(JSONReadError) in try value.skipValue() } != nil
            default: try member.skipValue()
            }
        }
        guard let kind else { throw reader.missing("kind", in: "Input") }
        (self.kind, self.url, self.name, self.hasContent) = (kind, url, name, hasContent)
    }
}
