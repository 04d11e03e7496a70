import Foundation

/// Turns the flat TOML table into a validated ``PipelineConfig``.
struct ConfigReader {
    let table: [String: TOML.Value]
    let path: String
    var used: Set<String> = []

    init(table: [String: TOML.Value], path: String) {
        self.table = table
        self.path = path
    }

    /// The options each shipped stage reads beyond workers, concurrency and prefetch.
    static let stageOptions: [StageName: Set<String>] = [
        .fetch: ["timeout_seconds", "max_bytes", "allow_networks", "file_roots", "user_agent", "follow_depth", "per_host_concurrency", "per_host_delay",
                 "warc_dir", "warc_max_megabytes", "max_crawl_delay", "proxy", "no_proxy"],
        .clean: ["passthrough", "every_page_an_article"],
        .extract: ["passthrough"],
        .store: ["batch", "database", "max_megabytes"],
    ]

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
        var stages = StageName.shipped
        if let value = table["pipeline.stages"] {
            guard case .array(let items) = value, !items.isEmpty else { throw fail("'pipeline.stages' must be a list of stage names") }
            stages = try items.map { (item) throws(ConfigError) -> StageName in
                guard case .string(let name) = item else { throw fail("'pipeline.stages' must hold stage names in quotes") }
                return StageName(rawValue: name)
            }
        }
        if Set(stages).count != stages.count { throw fail("'pipeline.stages' names a stage twice") }

        var entry: [Input.Kind: StageName] = [:]
        for kind in Input.Kind.allCases {
            let fallback = kind == .url ? stages[0] : (stages.first { $0 != .fetch } ?? stages[0])
            let stage = StageName(rawValue: try string("pipeline.entry.\(kind.rawValue)", default: fallback.rawValue))
            guard stages.contains(stage) else {
                throw fail("'pipeline.entry.\(kind.rawValue)' names '\(stage)', which is not in pipeline.stages \(stages.map(\.rawValue))")
            }
            entry[kind] = stage
        }

        var settings: [PipelineConfig.StageSettings] = []
        for stage in stages {
            let defaultConcurrency = stage == .fetch ? 16 : 1
            settings.append(.init(
                name: stage,
                workers: try int("stages.\(stage).workers", default: 1, min: 0),
                concurrency: try int("stages.\(stage).concurrency", default: defaultConcurrency),
                prefetch: try int("stages.\(stage).prefetch", default: PipelineConfig.StageSettings.defaultPrefetch, min: 0)))
        }
        let database = try string("stages.store.database", default: "articles.db")

        var options: [String: TOML.Value] = [:]
        for (key, value) in table.sorted(by: { $0.key < $1.key }) where key.hasPrefix("stages.") && !used.contains(key) {
            let option = String(key.dropFirst("stages.".count))
            let parts = option.split(separator: ".", maxSplits: 1).map(String.init)
            // A misspelt option of a shipped stage would be ignored in silence; a custom stage's options are its own.
            if parts.count == 2, let known = Self.stageOptions[StageName(rawValue: parts[0])], !known.contains(parts[1]) {
                throw fail("unknown setting '\(key)'; [stages.\(parts[0])] takes workers, concurrency, prefetch"
                           + (known.isEmpty ? "" : ", " + known.sorted().joined(separator: ", ")))
            }
            options[option] = value
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
