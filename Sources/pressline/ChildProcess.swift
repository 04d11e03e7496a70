import Foundation

/// A child process started with posix_spawn, inheriting stdout and stderr.
struct ChildProcess {
    let pid: pid_t

    /// Starts `path` with `arguments` and the current environment plus `environment`.
    static func spawn(_ path: String, _ arguments: [String], environment: [String: String]) throws -> ChildProcess {
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
    func signal(_ signal: Int32) { kill(pid, signal) }

    struct SpawnError: Error, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String { "cannot start \(path): \(String(cString: strerror(code)))" }
    }
}

/// How a child ended.
struct ChildExit: CustomStringConvertible {
    let pid: pid_t
    /// The exit status, or nil when a signal ended it.
    let status: Int32?
    let signal: Int32?

    var description: String { signal.map { "killed by signal \($0)" } ?? "exited with status \(status ?? 0)" }
}

/// Reaps exited children without blocking.
func reapChildren() -> [ChildExit] {
    var out: [ChildExit] = []
    while true {
        var status: Int32 = 0
        let pid = waitpid(-1, &status, WNOHANG)
        guard pid > 0 else { break }
        // The wait status as <sys/wait.h> lays it out: the signal in the low 7 bits, else the code above them.
        let signal = status & 0x7f
        let signaled = signal != 0 && signal != 0x7f
        out.append(ChildExit(pid: pid, status: signaled ? nil : (status >> 8) & 0xff, signal: signaled ? signal : nil))
    }
    return out
}
