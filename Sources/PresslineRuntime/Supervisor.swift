import Foundation
import PresslineCore

/// Keeps the queue and the workers of `pressline up` running; restarts what dies, with backoff.
///
/// ```swift
/// let supervisor = Supervisor(binDirectory: bin, arguments: ["--pipeline", file], queueCannotStart: 69) { print($0) }
/// try supervisor.start(.queue)
/// _ = supervisor.supervise(until: ShutdownSignal.install())
/// supervisor.stop(drainSeconds: 30)
/// ```
public final class Supervisor {
    /// A process `up` runs.
    public enum Child: Hashable, CustomStringConvertible, Sendable {
        case queue
        case stage(StageName)

        public var description: String {
            switch self {
            case .queue: "queue"
            case .stage(let name): name.rawValue
            }
        }
    }

    /// Why supervision ended.
    public enum Ending { case stopRequested, queueCannotStart }

    let binDirectory: String
    let arguments: [String]
    /// The queue's exit status when it cannot start at all (its ports are taken): supervision ends.
    let queueCannotStart: Int32
    /// Where the supervisor says what it does (restarts, failures to start).
    let note: (String) -> Void
    private var children: [pid_t: (child: Child, startedAt: Double)] = [:]
    private var restartDelay: [Child: Double] = [:]

    public init(binDirectory: String, arguments: [String], queueCannotStart: Int32, note: @escaping (String) -> Void) {
        self.binDirectory = binDirectory
        self.arguments = arguments
        self.queueCannotStart = queueCannotStart
        self.note = note
    }

    public func start(_ child: Child) throws {
        let process = try ChildProcess.spawn((binDirectory as NSString).appendingPathComponent("pressline-\(child)"), arguments,
                                             environment: ["PRESSLINE_SUPERVISOR_PID": "\(getpid())"])
        children[process.pid] = (child, monotonicSeconds())
    }

    /// Waits for `shutdown`, restarting children that exit; ends early when the queue cannot start at all.
    public func supervise(until shutdown: ShutdownSignal) -> Ending {
        var pendingRestarts: [(child: Child, at: Double, why: String)] = []
        while !shutdown.requested {
            usleep(100_000)
            let now = monotonicSeconds()
            var queueCannotStart = false
            for exit in reapChildren() {
                guard let entry = children.removeValue(forKey: exit.pid) else { continue }
                if entry.child == .queue && exit.status == self.queueCannotStart { queueCannotStart = true }
                // Ctrl-C reaches every process of the terminal's group at once: a child that stopped for it is
                // not restarted.
                if shutdown.requested || queueCannotStart { continue }
                // A child that ran a while gets a quick restart; one that keeps dying waits longer each time.
                let delay = now - entry.startedAt > 60 ? 0.5 : min(30, (restartDelay[entry.child] ?? 0.25) * 2)
                restartDelay[entry.child] = delay
                pendingRestarts.append((entry.child, now + delay, "\(entry.child) (pid \(exit.pid)) \(exit.description)"))
            }
            if queueCannotStart { return .queueCannotStart }
            let due = pendingRestarts.filter { $0.at <= now }
            pendingRestarts.removeAll { $0.at <= now }
            // Said when the restart happens, not when the exit is seen: on Ctrl-C the children may exit before this
            // process has taken its own signal, and a stop must not announce restarts (`SecurityTests.secondUp`).
            for restart in due where !shutdown.requested {
                note("pressline up: \(restart.why); restarting")
                do { try start(restart.child) } catch {
                    note("error: \(error)")
                    pendingRestarts.append((restart.child, now + 5, restart.why))
                }
            }
        }
        return .stopRequested
    }

    /// Drains workers (SIGTERM), then stops the queue; kills whatever outlives its deadline.
    public func stop(drainSeconds: Double) {
        let queue = children.first { $0.value.child == .queue }?.key
        let workers = children.keys.filter { $0 != queue }
        for pid in workers { kill(pid, SIGTERM) }
        waitFor(workers, seconds: drainSeconds)
        if let queue, children[queue] != nil {
            kill(queue, SIGTERM)
            waitFor([queue], seconds: 10)
        }
        for pid in children.keys {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        children.removeAll()
    }

    private func waitFor(_ pids: [pid_t], seconds: Double) {
        let deadline = monotonicSeconds() + seconds
        while pids.contains(where: { children[$0] != nil }) && monotonicSeconds() < deadline {
            for exit in reapChildren() { children[exit.pid] = nil }
            usleep(50_000)
        }
    }
}
