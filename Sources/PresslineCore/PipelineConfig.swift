import Foundation

/// A pipeline file (`pipelines/default.toml`): where the queue listens, which
/// stages run in which order, and how many workers each gets.
///
/// ```swift
/// let config = try PipelineConfig.load(path: "pipelines/default.toml")
/// config.nextStage(after: .clean)   // .extract
/// ```
public struct PipelineConfig: Sendable, Equatable {
    /// The queue's endpoints and limits.
    public struct Queue: Sendable, Equatable {
        /// Where clients (push, status) connect: a ROUTER.
        public var submit: String
        /// Where stage workers connect: a ROUTER.
        public var work: String
        /// Jobs inside the pipeline at once; bounds every process's memory.
        public var window: Int
        /// Unfinished jobs (pending + inside) before SUBMIT is refused with retry.
        public var maxUnfinished: Int
        /// Seconds a worker may hold a job before it is given to another.
        public var leaseSeconds: Double
        /// Tries per job before it is dead-lettered.
        public var maxAttempts: Int
        /// Seconds before the first retry; doubles each attempt.
        public var backoffSeconds: Double
        /// Where the queue serves Prometheus metrics over HTTP (`tcp://127.0.0.1:9570`); nil for none.
        public var metrics: String?
        /// The queue's CURVE secret key file (`pressline keygen`); set, every client must know the public key.
        public var curveSecretKey: String?
        /// The queue's CURVE public key file, which workers and clients use to reach a CURVE queue.
        public var curvePublicKey: String?
        /// Client public keys the queue lets in (one a line); set, any other CURVE client is refused.
        public var curveAuthorizedKeys: String?
        /// The secret key file workers present to a queue with an allow-list (its public half must be listed).
        public var curveClientKey: String?
    }

    /// One stage's settings.
    public struct StageSettings: Sendable, Equatable {
        /// The stage name.
        public var name: StageName
        /// Processes `pressline up` starts.
        public var workers: Int
        /// Jobs each process works on at once (threads).
        public var concurrency: Int
        /// Jobs each process holds ready beyond those it works on: they hide the round trip to the queue
        /// and let jobs travel in batches; a worker that dies hands them back through their leases.
        public var prefetch: Int = StageSettings.defaultPrefetch
        /// Jobs a worker holds ready unless the pipeline file says otherwise (`stages.NAME.prefetch`).
        static let defaultPrefetch = 16
    }

    /// Queue settings.
    public var queue: Queue
    /// Stage order; a job enters at its input kind's entry and leaves after the last.
    public var stages: [StageName]
    /// The stage each input kind enters at (raw text needs no fetch).
    public var entry: [Input.Kind: StageName]
    /// Per-stage settings, in `stages` order.
    public var settings: [StageSettings]
    /// The store's SQLite file, relative to the data directory unless absolute.
    var database: String
    /// `pipeline.id`, when the pipeline file names the pipeline itself (workers on machines whose data
    /// directories differ).
    var explicitID: String?
    /// Stage options passed through to stage libraries (`stages.fetch.timeout_seconds` → `fetch.timeout_seconds`).
    var options: [String: TOML.Value]

    /// Reads and validates a pipeline file.
    public static func load(path: String) throws(ConfigError) -> PipelineConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, message: "cannot read the file (does it exist?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: path, message: "the file is not UTF-8 text")
        }
        // An empty file would silently mean every default, ports included: a wrong path or a truncated copy.
        guard text.split(whereSeparator: \.isNewline).contains(where: { line in
            let content = line.drop { $0 == " " || $0 == "\t" }
            return !content.isEmpty && !content.hasPrefix("#")
        }) else {
            throw ConfigError(path: path, message: "the file has no settings; start from pipelines/default.toml")
        }
        var config = try parse(text, path: path)
        // Key files named relative to the pipeline file, so a unit started from anywhere finds them.
        let folder = (path as NSString).deletingLastPathComponent
        func resolve(_ file: String?) -> String? {
            guard let file, !file.hasPrefix("/"), !folder.isEmpty else { return file }
            return (folder as NSString).appendingPathComponent(file)
        }
        config.queue.curveSecretKey = resolve(config.queue.curveSecretKey)
        config.queue.curvePublicKey = resolve(config.queue.curvePublicKey)
        config.queue.curveAuthorizedKeys = resolve(config.queue.curveAuthorizedKeys)
        config.queue.curveClientKey = resolve(config.queue.curveClientKey)
        return config
    }

    /// Parses pipeline TOML; `path` names the source in errors.
    static func parse(_ text: String, path: String = "<pipeline>") throws(ConfigError) -> PipelineConfig {
        let table: [String: TOML.Value]
        do { table = try TOML.parse(text) } catch { throw ConfigError(path: path, message: error.description) }
        var reader = ConfigReader(table: table, path: path)
        return try reader.read()
    }

    /// The stage after `stage`, or nil when `stage` is the last.
    public func nextStage(after stage: StageName) -> StageName? {
        guard let index = stages.firstIndex(of: stage), index + 1 < stages.count else { return nil }
        return stages[index + 1]
    }

    /// The settings of `stage`; a stage the pipeline does not list (a worker started by hand for it) gets
    /// the defaults, and no workers from `up`.
    public func settings(for stage: StageName) -> StageSettings {
        settings.first { $0.name == stage } ?? StageSettings(name: stage, workers: 0, concurrency: 1)
    }

    /// Names this pipeline on the wire, so a queue can turn away workers of another one — such as those of a
    /// second `pressline up` started on the same ports (`SecurityTests.secondUp`). `pipeline.id` sets it;
    /// otherwise it is derived from the stages and the absolute data directory, which every process of one
    /// pipeline shares (a `--queue` override does not change it).
    public func id(dataDirectory: String) -> String {
        if let explicit = explicitID { return explicit }
        let absolute = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        let identity = [stages.map(\.rawValue).joined(separator: ","), absolute].joined(separator: "\n")
        return String(SHA256.hex(Array(identity.utf8)).prefix(16))
    }

    /// The store's database path inside `dataDirectory`.
    public func databasePath(in dataDirectory: String) -> String {
        database.hasPrefix("/") ? database : (dataDirectory as NSString).appendingPathComponent(database)
    }

    /// A stage option as a boolean (`stages.clean.passthrough = true` → `flag("clean.passthrough")`); false when absent.
    public func flag(_ key: String) -> Bool {
        if case .boolean(true) = options[key] { return true }
        return false
    }

    /// A stage option as a string, or nil when absent or not a string.
    public func string(_ key: String) -> String? {
        if case .string(let text) = options[key] { return text }
        return nil
    }

    /// A stage option as a list of strings (`stages.fetch.file_roots = ["/srv/pages"]`); empty when absent.
    public func strings(_ key: String) throws(ConfigError) -> [String] {
        switch options[key] {
        case nil: return []
        case .array(let items):
            return try items.map { (item) throws(ConfigError) -> String in
                guard case .string(let text) = item else { throw ConfigError(path: "pipeline", message: "'stages.\(key)' must list strings in quotes") }
                return text
            }
        default: throw ConfigError(path: "pipeline", message: "'stages.\(key)' must be a list of strings, like [\"a\", \"b\"]")
        }
    }

    /// A stage option as a number, or `defaultValue`.
    public func number(_ key: String, default defaultValue: Double) -> Double {
        switch options[key] {
        case .integer(let value): Double(value)
        case .float(let value): value
        default: defaultValue
        }
    }
}

/// A pipeline file that cannot be used, with the file and what to fix.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    /// The file.
    public let path: String
    /// What is wrong, as a sentence.
    public let message: String
    public var description: String { "\(path): \(message)" }

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
