import Foundation
import PresslineCore
import Logging

/// Ends the process from a thread that cannot go on. Returning in silence would leave the threads that wait
/// on it waiting for ever (the queue's loop on a commit, a worker's socket thread on answers); a process that
/// exits is restarted by its supervisor (`pressline up`, systemd), and its jobs replay.
///
/// ```swift
/// guard let socket = try? Socket(context, type: .push) else { ThreadFailure.exit(logger, "journal thread", error) }
/// ```
public enum ThreadFailure {
    /// EX_SOFTWARE: an internal error, not the input's.
    public static let exitCode: Int32 = 70

    /// Logs `error` at critical level as what stopped `thread`, then exits the process.
    public static func exit(_ logger: Logger, thread: String, _ error: any Error) -> Never {
        logger.critical("\(thread) cannot go on; the process exits for its supervisor to restart it", metadata: ["error": "\(error)"])
        Foundation.exit(exitCode)
    }
}
