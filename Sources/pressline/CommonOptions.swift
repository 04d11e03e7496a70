import ArgumentParser
import Foundation
import PresslineCore
import ZeroMQ
import PresslineRuntime
import PresslineClient

/// `--queue`: where the queue takes client requests.
struct QueueOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The queue's submit endpoint (queue.submit in the pipeline file).", valueName: "ENDPOINT"))
    var queue: String = ProcessInfo.processInfo.environment["PRESSLINE_QUEUE"] ?? "tcp://127.0.0.1:5570"

    // `.unconditional`: `--timeout -1` is a wrong value to explain, not a missing one.
    @Option(name: .long, parsing: .unconditional, help: "Seconds to wait for the queue to answer a request.")
    var timeout: Double = 10

    @Option(name: .long, help: ArgumentHelp("The queue's CURVE public key file, for a queue that requires CURVE (or PRESSLINE_SERVER_KEY).", valueName: "PATH"))
    var serverKey: String?

    @Option(name: .long, help: ArgumentHelp("Your own CURVE secret key file, for a queue that lets in listed keys only (or PRESSLINE_CLIENT_KEY).", valueName: "PATH"))
    var clientKey: String?

    func validate() throws {
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout takes a number of seconds above 0, like 10.") }
    }

    /// A client of the queue these options name.
    func client() throws -> QueueClient {
        let environment = ProcessInfo.processInfo.environment
        let key: String?, ownKey: CurveKeyPair?
        do {
            key = try (serverKey ?? environment["PRESSLINE_SERVER_KEY"]).map(KeyFile.read)
            ownKey = try (clientKey ?? environment["PRESSLINE_CLIENT_KEY"]).map { try CurveKeyPair(secretKey: KeyFile.read($0)) }
        } catch {
            printError("\(error)")
            throw ExitStatus.configError
        }
        return try QueueClient(endpoint: queue, timeout: timeout, serverKey: key, clientKey: ownKey)
    }
}

/// `--db`: the store to read.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store's SQLite file.", valueName: "PATH"))
    var db: String = "pressline-data/articles.db"
}

/// Output formats for reports.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case table, json, ndjson, csv, text
}

/// Exit codes from sysexits.h, so scripts can tell causes apart.
enum ExitStatus {
    /// Some items failed (push --wait, process).
    static let someFailed = ExitCode(1)
    /// Bad input data: an unreadable or non-article file.
    static let dataError = ExitCode(65)
    /// An input file does not exist.
    static let noInput = ExitCode(66)
    /// The queue did not answer.
    static let unavailable = ExitCode(69)
    /// A file could not be written (the store given to `process --db`).
    static let ioError = ExitCode(74)
    /// The pipeline file is wrong.
    static let configError = ExitCode(78)
}

/// Prints `message` to stderr as `error: …`.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

/// A sentence for a Foundation or POSIX error, without the NSError dump (domain, code, user info).
func describe(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
    if let posix = (error as? CocoaError)?.underlying as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
    return nsError.localizedDescription
}

/// Prints `message` to stderr.
func printNote(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}
