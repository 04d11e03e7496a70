import Foundation

/// A program run to its end, its standard output and error captured together: what tests ask of tools
/// (systemd-analyze, warcio, pip).
public enum Command {
    /// Runs `executable` with `arguments` and waits for it; the exit status and everything it printed.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
