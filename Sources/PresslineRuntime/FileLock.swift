import Foundation
import PresslineCore

/// An exclusive `flock` on a file, held until the lock is released or the process ends (a SIGKILL included:
/// the kernel lets go with the descriptor, so no stale lock survives a crash).
///
/// ```swift
/// let lock = try FileLock(path: "pressline-data/queue.lock", wait: false)   // throws .held when taken
/// defer { lock.release() }
/// ```
public final class FileLock {
    private var descriptor: Int32

    /// Why the lock was not taken.
    public enum Failure: Error, CustomStringConvertible {
        /// Another process holds it; `holder` is the pid it wrote there, when readable.
        case held(path: String, holder: String?)
        case cannotOpen(path: String, reason: String)

        public var description: String {
            switch self {
            case .held(let path, let holder): "\(path) is locked by another process\(holder.map { " (pid \($0))" } ?? "")"
            case .cannotOpen(let path, let reason): "cannot open the lock file \(path): \(reason)"
            }
        }
    }

    /// Takes the lock on `path` (created 0600 if missing); `wait` blocks until it is free, else a taken lock throws.
    public init(path: String, wait: Bool) throws(Failure) {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            let holder = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw .held(path: path, holder: holder?.isEmpty == false ? holder : nil)
        }
        // The holder's pid, for the message another process shows.
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Lets go of the lock.
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

/// The data directory's files hold every article and submission: they are the operator's alone.
public enum PrivateFiles {
    /// New files 0600 and new directories 0700 for the rest of this process (queue, store, `pressline up`).
    public static func restrictNewFiles() { umask(0o077) }

    /// Takes group and other permissions away from `paths` that exist (a store or journal made by an older
    /// build, or by a process with a looser umask).
    public static func restrict(_ paths: [String]) {
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & 0o077 != 0 else { continue }
            _ = chmod(path, status.st_mode & 0o700)
        }
    }
}
