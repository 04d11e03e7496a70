import Dispatch
import Foundation
import PresslineCore
import Synchronization

/// Turns SIGTERM and SIGINT into a flag that poll loops check between turns.
///
/// A process started by a supervisor (`pressline up`, a test) that names itself in
/// `PRESSLINE_SUPERVISOR_PID` also shuts down when that supervisor dies, so no orphan lingers.
///
/// ```swift
/// let shutdown = ShutdownSignal.install()
/// while !shutdown.requested { … poll with a short timeout … }
/// ```
public final class ShutdownSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    // Dispatch sources must stay referenced to keep firing; they live as long as the process.
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal] = []

    private let supervisor: pid_t? = ProcessInfo.processInfo.environment["PRESSLINE_SUPERVISOR_PID"].flatMap { pid_t($0) }

    private init() {}

    /// Installs handlers for SIGTERM and SIGINT (the default actions are disabled).
    public static func install(signals: [Int32] = [SIGTERM, SIGINT]) -> ShutdownSignal {
        let shutdown = ShutdownSignal()
        unblock(signals)
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { shutdown.request() }
            source.resume()
            shutdown.sources.append(source)
        }
        return shutdown
    }

    /// Takes `signals` back when a parent started this process with them blocked (test runners do), so that a
    /// stop request always reaches it.
    public static func unblock(_ signals: [Int32] = [SIGTERM, SIGINT]) {
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// True once a signal arrived, ``request()`` was called, or the supervisor died.
    public var requested: Bool {
        if flag.load(ordering: .acquiring) { return true }
        if let supervisor, getppid() != supervisor { request(); return true }
        return false
    }

    /// Asks for shutdown, as a signal would.
    public func request() { flag.store(true, ordering: .releasing) }
}
