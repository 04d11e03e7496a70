import Foundation
import PresslineCore
import PresslineWire
import PresslineJSON

/// Decodes jobs, runs the stage over them and encodes the answers as envelopes.
enum StageInvocation {
    /// One answer (RESULT, DONE or FAILED) per job, in order.
    static func run(_ stage: any Stage, on jobs: [ReceivedJob]) -> [Envelope] {
        var answers = [Envelope?](repeating: nil, count: jobs.count)
        var documents: [Document] = []
        var positions: [Int] = []
        for (index, job) in jobs.enumerated() {
            do {
                guard let payload = job.payload else { throw ProtocolError.malformed("WORK without a document") }
                documents.append(try PayloadAttachment.document(from: payload))
                positions.append(index)
            } catch {
                answers[index] = failure(job.header, .permanent("the job's document does not decode: \(JSON.describe(error))"))
            }
        }
        let outcomes = documents.isEmpty ? [] : stage.process(documents)
        for (position, outcome) in zip(positions, outcomes) {
            let header = jobs[position].header
            switch outcome {
            case .success(.next(let document)):
                answers[position] = Self.result(header, document, follow: [])
            case .success(.nextFollowing(let document, let links)):
                answers[position] = Self.result(header, document, follow: links)
            case .success(.done(let article)):
                var done = reply(.done, to: header)
                done.article = article
                answers[position] = Envelope(done)
            case .failure(let failure):
                answers[position] = Self.failure(header, failure)
            }
        }
        return zip(answers, jobs).map { answer, job in answer ?? failure(job.header, .transient("the stage returned no outcome")) }
    }

    /// RESULT with the document for the next stage, and what the queue learns from it: the page's other URLs,
    /// the rest its host asked for (robots.txt Crawl-delay), the links to follow.
    private static func result(_ work: Header, _ document: Document, follow links: [String]) -> Envelope {
        var result = reply(.result, to: work)
        result.aliases = aliases(of: document)
        result.rest = document.fetched?.crawlDelay
        result.follow = links.isEmpty ? nil : links
        return Envelope(result, payload: Data(JSONWriter.encode(document)))
    }

    /// The other URLs a fetched page answers to: where its redirects ended, and the canonical URL the clean
    /// stage trusted (normal forms, its own left out).
    static func aliases(of document: Document) -> [String]? {
        guard document.input.kind == .url, let own = document.input.url.map(URLNormalizer.normalize) else { return nil }
        let others = Set([document.fetched?.finalURL, document.record?.url].compactMap { $0 }.map(URLNormalizer.normalize)).subtracting([own])
        return others.isEmpty ? nil : others.sorted()
    }

    private static func reply(_ type: MessageType, to work: Header) -> Header {
        var header = Header(type, job: work.job, stage: work.stage, attempt: work.attempt)
        header.trace = work.trace
        return header
    }

    private static func failure(_ work: Header, _ failure: StageFailure) -> Envelope {
        var header = reply(.failed, to: work)
        header.error = failure.reason
        header.permanent = failure.kind == .permanent
        if failure.kind == .unavailable { header.unavailable = true }
        header.rest = failure.retryAfter
        return Envelope(header)
    }
}
