import Foundation
import PresslineCore
import ZeroMQ
import PresslineRuntime

/// Why a queue cannot start at all: restarting it would not help until the operator acts.
public enum QueueStartError: Error, CustomStringConvertible {
    case addressInUse(String)
    case dataDirectoryInUse(String, String)

    public var description: String {
        switch self {
        case .addressInUse(let endpoint):
            "address already in use: another pipeline is running at \(endpoint) (stop it, or give this one other ports)"
        case .dataDirectoryInUse(let directory, let why):
            "data directory \(directory) is in use by another queue: \(why)"
        }
    }

    /// The exit code for it (EX_UNAVAILABLE), which `pressline up` takes as final.
    public static let exitCode: Int32 = 69
}

extension QueueServer {
    /// Binds `endpoint`, telling a taken address (another pipeline runs there) from other failures.
    static func bind(_ socket: Socket, _ endpoint: String) throws {
        do { try socket.bind(endpoint) } catch let error as ZMQError where error.code == EADDRINUSE {
            throw QueueStartError.addressInUse(endpoint)
        }
    }

    /// Takes `dataDirectory`'s `queue.lock`, held while the queue runs: two queues on one journal would each
    /// replay the other's jobs (`SecurityTests.secondUp`).
    static func lock(_ dataDirectory: String) throws -> FileLock {
        do {
            return try FileLock(path: (dataDirectory as NSString).appendingPathComponent("queue.lock"), wait: false)
        } catch {
            throw QueueStartError.dataDirectoryInUse(dataDirectory, error.description)
        }
    }
}
