import Foundation
import PresslineCore
import Logging

/// A swift-log handler writing one logfmt line per event to stderr:
/// `ts=2026-11-29T10:00:00.123Z level=info process=pressline-queue msg="accepted" job=j-1`.
///
/// ```swift
/// LoggingSystem.bootstrap { LogfmtHandler(label: $0) }
/// ```
public struct LogfmtHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String

    /// Creates a handler; the level comes from `PRESSLINE_LOG_LEVEL` (default info).
    public init(label: String) {
        self.label = label
        let configured = ProcessInfo.processInfo.environment["PRESSLINE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        self.logLevel = configured ?? .info
    }

    /// Bootstraps swift-log with this handler once per process.
    public static func bootstrap() {
        LoggingSystem.bootstrap { LogfmtHandler(label: $0) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "ts=\(Self.timestamp()) level=\(event.level) process=\(label) msg=\(Self.quote(event.message.description))"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in merged.keys.sorted() {
            line += " \(key)=\(Self.quote(merged[key]!.description))"
        }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    private static func quote(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "\n" }
        guard needsQuotes else { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(escaped)\""
    }

    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec, now.tv_nsec / 1_000_000)
    }
}
