import Foundation
import PresslineCore
import PresslineRuntime
import PresslineWire

extension QueueServer {
    /// Handles one message from the work socket: `[routing id, header, payload?]`, or a batch of envelopes
    /// after the routing id; a bad envelope in a batch is dropped alone.
    func handleWorker(_ frames: [Data]) throws {
        guard frames.count >= 2 else { return reject(ProtocolError.malformed("no frames after the routing id"), from: frames.first, socket: "work") }
        let workerID = frames[0]
        let now = monotonicSeconds()
        do {
            for parsed in try Envelope.parseAll(frames[1...]) {
                switch parsed {
                case .success(let envelope): handle(envelope, from: workerID, now: now)
                case .failure(let error): reject(error, from: workerID, socket: "work")
                }
            }
        } catch {
            reject(error, from: workerID, socket: "work")
        }
    }

    private func handle(_ envelope: Envelope, from workerID: Data, now: Double) {
        do {
            let header = envelope.header
            switch header.type {
            case .ready, .heartbeat:
                guard let stage = header.stage, pipeline.stages.contains(stage) else {
                    throw ProtocolError.malformed("\(header.type.rawValue) names stage '\(header.stage ?? "")', which is not in this pipeline")
                }
                // A worker of another pipeline (a second `pressline up` on the same ports) would store this one's
                // articles in its own data directory. Workers that name no pipeline (other languages) are let in.
                if let theirs = header.pipeline, theirs != pipelineID {
                    refuse(workerID, pipeline: theirs)
                    return
                }
                if header.type == .ready || !scheduler.knows(workerID) {
                    scheduler.workerReady(workerID, stage: stage, credit: max(1, header.credit ?? 1), now: now)
                    if header.type == .ready {
                        logger.info("worker ready", metadata: ["worker": "\(peer(workerID))", "stage": "\(stage)", "credit": "\(header.credit ?? 1)"])
                    }
                } else {
                    scheduler.seen(workerID, now: now)
                }
            case .result:
                let (job, stage) = try jobAndStage(header)
                guard let payload = envelope.payload, !payload.isEmpty else { throw ProtocolError.malformed("RESULT needs a payload") }
                scheduler.seen(workerID, now: now)
                let depth = scheduler.jobs[job]?.depth ?? 0
                let outcome = scheduler.completed(job, stage: stage, by: workerID, payload: payload, article: nil, now: now, rest: header.rest)
                if case .advanced = outcome, let links = header.follow { follow(links, foundAtDepth: depth) }
                if case .advanced = outcome, let aliases = header.aliases { scheduler.addAliases(aliases, to: job) }
                record(outcome)
            case .done:
                let (job, stage) = try jobAndStage(header)
                scheduler.seen(workerID, now: now)
                // A page stored under other URLs too: a later push of any of them is this job's.
                for url in scheduler.jobs[job]?.aliases ?? [] where JobID.forURL(url) != job {
                    commits.batch.aliases.append(.init(id: JobID.forURL(url), url: url, article: header.article))
                }
                record(scheduler.completed(job, stage: stage, by: workerID, payload: nil, article: header.article, now: now))
            case .failed:
                let (job, stage) = try jobAndStage(header)
                scheduler.seen(workerID, now: now)
                let reason = header.error ?? "no reason given"
                let kind: StageFailure.Kind = header.unavailable == true ? .unavailable : header.permanent == true ? .permanent : .transient
                record(scheduler.failed(job, stage: stage, by: workerID, reason: reason, kind: kind, now: now, rest: header.rest))
            case .disconnect:
                logger.info("worker draining", metadata: ["worker": "\(peer(workerID))"])
                scheduler.workerDraining(workerID)
            default:
                throw ProtocolError.unexpected(header.type)
            }
        } catch {
            reject(error, from: workerID, socket: "work")
        }
    }

    private func refuse(_ workerID: Data, pipeline theirs: String) {
        let reason = "this queue serves pipeline \(pipelineID), the worker belongs to pipeline \(theirs) "
            + "(another pressline up with the same ports, or another data directory)"
        logger.warning("worker of another pipeline refused", metadata: ["worker": "\(peer(workerID))", "reason": "\(reason)"])
        var header = Header(.rejected)
        header.error = reason
        header.pipeline = pipelineID
        guard let frames = try? Envelope(header).frames() else { return }
        try? workers.send([workerID] + frames, dontWait: true)
    }

    private func jobAndStage(_ header: Header) throws(ProtocolError) -> (JobID, StageName) {
        guard let job = header.job, let stage = header.stage else {
            throw .malformed("\(header.type.rawValue) needs job and stage")
        }
        return (job, stage)
    }
}
