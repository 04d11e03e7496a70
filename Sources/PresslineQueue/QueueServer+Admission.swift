import Foundation
import PresslineCore
import PresslineJSON
import PresslineWire

/// Jobs into the pipeline and out to the workers: admission under the window (from the batch just journaled,
/// else from the journal, oldest first) and dispatch, a worker's jobs of a turn in one message.
extension QueueServer {
    /// Brings journaled pending jobs into the pipeline while the window has room.
    func admit() throws {
        while cursor.hasMore && scheduler.room > 0 {
            let room = scheduler.room
            let jobs = try journal.pending(after: cursor.position, limit: room)
            cursor.read(found: jobs.count, limit: room)
            for job in jobs {
                cursor.advance(to: job.seq)
                guard !scheduler.holds(job.id) else { continue }
                admit(id: job.id, trace: job.trace, name: job.name, kind: job.kind, input: job.payload, failures: job.attempts, depth: job.depth)
            }
            if jobs.isEmpty { break }
        }
    }

    /// Admits jobs just journaled straight from the batch, while the window has room and no older job waits
    /// in the journal: reading back each payload the queue already holds would be wasted work. What does
    /// not fit stays for ``admit()`` to read in order.
    func admitFresh(_ inserts: [JournalBatch.Insert], positions: [Int: Int64]) {
        guard !positions.isEmpty else { return }
        guard !cursor.hasMore else { return }
        for (index, job) in inserts.enumerated() {
            guard let seq = positions[index] else { continue }
            guard scheduler.room > 0 else {
                cursor.rewind(toStart: false)
                return
            }
            cursor.advance(to: seq)
            admit(id: job.id, trace: job.trace, name: job.name, kind: job.kind, input: job.payload, failures: 0, depth: job.depth)
        }
    }

    /// The first stage's input is a Document wrapping the submitted Input, its attachment (the page) after it.
    private func admit(id: JobID, trace: String, name: String?, kind: Input.Kind, input: Data, failures: Int, depth: Int) {
        let (json, attachment) = PayloadAttachment.split(input)
        var document = Data(#"{"input":"#.utf8)
        document.reserveCapacity(input.count + 10)
        document.append(json)
        document.append(UInt8(ascii: "}"))
        if let attachment {
            document.append(PayloadAttachment.separator)
            document.append(attachment)
        }
        scheduler.admit(id: id, trace: trace, name: name, kind: kind, payload: document, failures: failures, depth: depth,
                        host: kind == .url ? Self.host(ofSubmission: json) : nil)
    }

    /// The host a URL submission is fetched from (lower case, with its port when not the default), which
    /// politeness is kept per; nil when the input names none.
    static func host(ofSubmission json: Data) -> String? {
        guard let input = try? JSONReader.decode(SubmittedInput.self, from: json), let url = input.url.flatMap(URL.init(string:)),
              let host = url.host?.lowercased() else { return nil }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    /// Sends each worker its jobs, in batches (``WireProtocol/maxBatchEnvelopes``).
    func send(_ dispatches: [Scheduler.Dispatch], now: Double) {
        for (worker, jobs) in dispatches.groupedInOrder(by: \.worker) {
            let works = jobs.map { dispatch in
                var header = Header(.work, job: dispatch.job, stage: dispatch.stage, attempt: dispatch.attempt)
                header.trace = dispatch.trace
                return Envelope(header, payload: dispatch.payload)
            }
            for batch in Envelope.batches(works) {
                do {
                    try workers.send([worker] + Envelope.frames(of: batch), dontWait: true)
                } catch {
                    // The worker vanished or is swamped: take it out; its jobs go back with attempt + 1.
                    logger.warning("cannot send WORK; dropping worker", metadata: ["worker": "\(peer(worker))", "error": "\(error)"])
                    for outcome in scheduler.removeWorker(worker, reason: "send failed (\(error))", now: now) { record(outcome) }
                    break
                }
            }
        }
    }
}
