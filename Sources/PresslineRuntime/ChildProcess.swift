import Foundation
import PresslineCore

/// A child process started with posix_spawn, inheriting stdout and stderr.
///
/// ```swift
/// let child = try ChildProcess.spawn("/usr/local/bin/pressline-queue", ["--pipeline", file], environment: [:])
/// let exit = child.waitForExit(timeout: 5)   // ChildExit: status or signal
/// ```
public struct ChildProcess: Sendable {
    public let pid: pid_t

    /// Starts `path` with `arguments` and the current environment plus `environment`.
    public static func spawn(_ path: String, _ arguments: [String], environment: [String: String]) throws -> ChildProcess {
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The child starts with no blocked signals and default SIGTERM/SIGINT handling, whatever we have.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, nil, &attributes, argv, envp)
        guard rc == 0 else { throw SpawnError(path: path, code: rc) }
        return ChildProcess(pid: pid)
    }

    /// Sends `signal`.
    public func signal(_ signal: Int32) { kill(pid, signal) }

    /// Waits up to `timeout` seconds for this child to exit and reaps it; nil while it still runs.
    public func waitForExit(timeout: Double) -> ChildExit? {
        let deadline = monotonicSeconds() + timeout
        repeat {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return ChildExit(pid: pid, waitStatus: status) }
            usleep(10_000)
        } while monotonicSeconds() < deadline
        return nil
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public let path: String
        public let code: Int32
        public var description: String { "cannot start \(path): \(String(cString: strerror(code)))" }
    }
}

/// How a child ended.
public struct ChildExit: CustomStringConvertible, Sendable, Equatable {
    public let pid: pid_t
    /// The exit status, or nil when a signal ended it.
    public let status: Int32?
    public let signal: Int32?

    /// Decodes a wait status as <sys/wait.h> lays it out: the signal in the low 7 bits, else the exit code in
    /// the byte above them (`ChildProcessTests`).
    public init(pid: pid_t, waitStatus: Int32) {
        self.pid = pid
        let signal = waitStatus & 0x7f
        let signaled = signal != 0 && signal != 0x7f
        self.status = signaled ? nil : (waitStatus >> 8) & 0xff
        self.signal = signaled ? signal : nil
    }

    public var description: String { signal.map { "killed by signal \($0)" } ?? "exited with status \(status ?? 0)" }
}

/// Reaps every exited child of this process without blocking (the supervisor owns all of its children).
public func reapChildren() -> [ChildExit] {
    var out: [ChildExit] = []
    while true {
        var status: Int32 = 0
        let pid = waitpid(-1, &status, WNOHANG)
        guard pid > 0 else { break }
        out.append(ChildExit(pid: pid, waitStatus: status))
    }
    return out
}
