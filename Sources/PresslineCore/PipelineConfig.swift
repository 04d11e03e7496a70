import Foundation

/// A pipeline file (`pipelines/default.toml`): where the queue listens, which
/// stages run in which order, and how many workers each gets.
///
/// ```swift
/// let config = try PipelineConfig.load(path: "pipelines/default.toml")
/// config.nextStage(after: "clean")   // "extract"
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
        public var name: String
        /// Processes `pressline up` starts.
        public var workers: Int
        /// Jobs each process works on at once (threads).
        public var concurrency: Int
        /// Jobs each process holds ready beyond those it works on: they hide the round trip to the queue
        /// and let jobs travel in batches; a worker that dies hands them back through their leases.
        public var prefetch: Int = StageSettings.defaultPrefetch
        /// Jobs a worker holds ready unless the pipeline file says otherwise (`stages.NAME.prefetch`).
        public static let defaultPrefetch = 16
    }

    /// Queue settings.
    public var queue: Queue
    /// Stage order; a job enters at its input kind's entry and leaves after the last.
    public var stages: [String]
    /// The stage each input kind enters at (raw text needs no fetch).
    public var entry: [Input.Kind: String]
    /// Per-stage settings, in `stages` order.
    public var settings: [StageSettings]
    /// The store's SQLite file, relative to the data directory unless absolute.
    public var database: String
    /// `pipeline.id`, when the pipeline file names the pipeline itself (workers on machines whose data
    /// directories differ).
    public var explicitID: String?
    /// Stage options passed through to stage libraries (`stages.fetch.timeout_seconds` → `fetch.timeout_seconds`).
    public var options: [String: TOML.Value]

    /// The stages Pressline ships executables for.
    public static let knownStages = ["fetch", "clean", "extract", "store"]

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
    public static func parse(_ text: String, path: String = "<pipeline>") throws(ConfigError) -> PipelineConfig {
        let table: [String: TOML.Value]
        do { table = try TOML.parse(text) } catch { throw ConfigError(path: path, message: error.description) }
        var reader = ConfigReader(table: table, path: path)
        return try reader.read()
    }

    /// The stage after `stage`, or nil when `stage` is the last.
    public func nextStage(after stage: String) -> String? {
        guard let index = stages.firstIndex(of: stage), index + 1 < stages.count else { return nil }
        return stages[index + 1]
    }

    /// The settings of `stage`.
    public func settings(for stage: String) -> StageSettings? { settings.first { $0.name == stage } }

    /// Names this pipeline on the wire, so a queue can turn away workers of another one — such as those of a
    /// second `pressline up` started on the same ports (`SecurityTests.secondUp`). `pipeline.id` sets it;
    /// otherwise it is derived from the stages and the absolute data directory, which every process of one
    /// pipeline shares (a `--queue` override does not change it).
    public func id(dataDirectory: String) -> String {
        if let explicit = explicitID { return explicit }
        let absolute = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        let identity = [stages.joined(separator: ","), absolute].joined(separator: "\n")
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
}

/// Turns the flat TOML table into a validated ``PipelineConfig``.
private struct ConfigReader {
    let table: [String: TOML.Value]
    let path: String
    var used: Set<String> = []

    init(table: [String: TOML.Value], path: String) {
        self.table = table
        self.path = path
    }

    func fail(_ message: String) -> ConfigError { ConfigError(path: path, message: message) }

    mutating func string(_ key: String, default value: String) throws(ConfigError) -> String {
        used.insert(key)
        switch table[key] {
        case nil: return value
        case .string(let text): return text
        default: throw fail("'\(key)' must be a string in quotes")
        }
    }

    /// Whether a ZeroMQ endpoint stays on this machine (ipc, inproc, or tcp on a loopback address).
    static func isLoopback(_ endpoint: String) -> Bool {
        guard endpoint.hasPrefix("tcp://") else { return true }
        let host = endpoint.dropFirst("tcp://".count).split(separator: ":").dropLast().joined(separator: ":")
        return host.hasPrefix("127.") || host == "localhost" || host == "[::1]" || host == "::1"
    }

    mutating func int(_ key: String, default value: Int, min: Int = 1) throws(ConfigError) -> Int {
        used.insert(key)
        switch table[key] {
        case nil: return value
        case .integer(let number) where number >= min: return number
        default: throw fail("'\(key)' must be a whole number of at least \(min)")
        }
    }

    mutating func double(_ key: String, default value: Double) throws(ConfigError) -> Double {
        used.insert(key)
        switch table[key] {
        case nil: return value
        case .integer(let number) where number > 0: return Double(number)
        case .float(let number) where number > 0: return number
        default: throw fail("'\(key)' must be a positive number")
        }
    }

    mutating func read() throws(ConfigError) -> PipelineConfig {
        let queue = PipelineConfig.Queue(
            submit: try string("queue.submit", default: "tcp://127.0.0.1:5570"),
            work: try string("queue.work", default: "tcp://127.0.0.1:5571"),
            window: try int("queue.window", default: 512),
            maxUnfinished: try int("queue.max_unfinished", default: 20_000),
            leaseSeconds: try double("queue.lease_seconds", default: 60),
            maxAttempts: try int("queue.max_attempts", default: 3),
            backoffSeconds: try double("queue.backoff_seconds", default: 0.5),
            metrics: table["queue.metrics"] == nil ? nil : try string("queue.metrics", default: ""),
            curveSecretKey: table["queue.curve_secret_key"] == nil ? nil : try string("queue.curve_secret_key", default: ""),
            curvePublicKey: table["queue.curve_public_key"] == nil ? nil : try string("queue.curve_public_key", default: ""),
            curveAuthorizedKeys: table["queue.curve_authorized_keys"] == nil ? nil : try string("queue.curve_authorized_keys", default: ""),
            curveClientKey: table["queue.curve_client_key"] == nil ? nil : try string("queue.curve_client_key", default: ""))
        if queue.curveAuthorizedKeys != nil && queue.curveSecretKey == nil {
            throw fail("'queue.curve_authorized_keys' needs CURVE: set queue.curve_secret_key and queue.curve_public_key too")
        }
        for endpoint in [queue.submit, queue.work] + (queue.metrics.map { [$0] } ?? []) where !endpoint.hasPrefix("tcp://") && !endpoint.hasPrefix("ipc://") && !endpoint.hasPrefix("inproc://") {
            throw fail("'\(endpoint)' is not a ZeroMQ endpoint; write it like tcp://127.0.0.1:5570")
        }
        // Beyond loopback, anyone on the network could take or inject jobs: require CURVE there.
        // The metrics endpoint is plain HTTP without authentication: it stays on this machine.
        if let metrics = queue.metrics, !Self.isLoopback(metrics) {
            throw fail("'queue.metrics = \(metrics)' is reachable beyond this machine, and the metrics endpoint has no authentication; "
                       + "keep it on 127.0.0.1 and expose it through a reverse proxy with TLS and a password")
        }
        for endpoint in [queue.submit, queue.work] where !Self.isLoopback(endpoint) && (queue.curveSecretKey == nil || queue.curvePublicKey == nil) {
            throw fail("'\(endpoint)' is reachable beyond this machine, which needs CURVE: run `pressline keygen --dir keys` and set queue.curve_secret_key and queue.curve_public_key")
        }

        used.insert("pipeline.stages")
        var stages = PipelineConfig.knownStages
        if let value = table["pipeline.stages"] {
            guard case .array(let items) = value, !items.isEmpty else { throw fail("'pipeline.stages' must be a list of stage names") }
            stages = try items.map { (item) throws(ConfigError) -> String in
                guard case .string(let name) = item else { throw fail("'pipeline.stages' must hold stage names in quotes") }
                return name
            }
        }
        if Set(stages).count != stages.count { throw fail("'pipeline.stages' names a stage twice") }

        var entry: [Input.Kind: String] = [:]
        for kind in Input.Kind.allCases {
            let fallback = kind == .url ? stages[0] : (stages.first { $0 != "fetch" } ?? stages[0])
            let stage = try string("pipeline.entry.\(kind.rawValue)", default: fallback)
            guard stages.contains(stage) else {
                throw fail("'pipeline.entry.\(kind.rawValue)' names '\(stage)', which is not in pipeline.stages \(stages)")
            }
            entry[kind] = stage
        }

        var settings: [PipelineConfig.StageSettings] = []
        for stage in stages {
            let defaultConcurrency = stage == "fetch" ? 16 : 1
            settings.append(.init(
                name: stage,
                workers: try int("stages.\(stage).workers", default: 1, min: 0),
                concurrency: try int("stages.\(stage).concurrency", default: defaultConcurrency),
                prefetch: try int("stages.\(stage).prefetch", default: PipelineConfig.StageSettings.defaultPrefetch, min: 0)))
        }
        let database = try string("stages.store.database", default: "articles.db")

        var options: [String: TOML.Value] = [:]
        for (key, value) in table where key.hasPrefix("stages.") && !used.contains(key) {
            options[String(key.dropFirst("stages.".count))] = value
        }
        let known = ["queue.", "pipeline.", "stages."]
        if let stray = table.keys.sorted().first(where: { key in !known.contains { key.hasPrefix($0) } }) {
            throw fail("unknown setting '\(stray)'; settings live under [queue], [pipeline] and [stages.NAME]")
        }
        // A misspelt queue or pipeline setting would otherwise be ignored in silence (checked below).
        let explicitID = table["pipeline.id"] == nil ? nil : try string("pipeline.id", default: "")
        if explicitID?.isEmpty == true { throw fail("'pipeline.id' must not be empty") }
        // Checked last: every key read above counts as used.
        if let stray = table.keys.sorted().first(where: { ($0.hasPrefix("queue.") || $0.hasPrefix("pipeline.")) && !used.contains($0) }) {
            throw fail("unknown setting '\(stray)'; see pipelines/default.toml for the settings there are")
        }
        return PipelineConfig(queue: queue, stages: stages, entry: entry, settings: settings,
                              database: database, explicitID: explicitID, options: options)
    }
}
