import Foundation
import Testing
@testable import PresslineCore

@Suite("Pipeline files")
struct PipelineConfigTests {
    @Test("an empty file gives the default four-stage pipeline on loopback")
    func defaults() throws {
        let config = try PipelineConfig.parse("")
        #expect(config.stages == ["fetch", "clean", "extract", "store"])
        #expect(config.queue.submit == "tcp://127.0.0.1:5570")
        #expect(config.entry[.url] == "fetch")
        #expect(config.entry[.text] == "clean")
        #expect(config.nextStage(after: "clean") == "extract")
        #expect(config.nextStage(after: "store") == nil)
        #expect(config.settings(for: "fetch").concurrency == 16)
        #expect(config.queue.metrics == nil)
    }

    @Test("stage options pass through to the stages")
    func options() throws {
        let config = try PipelineConfig.parse("[stages.fetch]\nworkers = 3\ntimeout_seconds = 5\n")
        #expect(config.settings(for: "fetch").workers == 3)
        #expect(config.number("fetch.timeout_seconds", default: 20) == 5)
    }

    @Test("the repository's default pipeline file loads")
    func shippedFile() throws {
        let path = #filePath.replacingOccurrences(of: "Tests/PresslineCoreTests/PipelineConfigTests.swift", with: "pipelines/default.toml")
        let config = try PipelineConfig.load(path: path)
        #expect(config.settings(for: "clean").workers == 2)
    }

    @Test("mistakes are reported with the file and what to fix", arguments: [
        ("[queue]\nwindow = 0", "at least 1"),
        ("[queue]\nsubmit = \"127.0.0.1:5570\"", "not a ZeroMQ endpoint"),
        ("[pipeline]\nstages = [\"clean\", \"clean\"]", "twice"),
        ("[pipeline.entry]\nhtml = \"render\"", "not in pipeline.stages"),
        ("[other]\nx = 1", "unknown setting"),
        ("[queue]\nwindw = 5", "unknown setting 'queue.windw'"),
        ("[queue]\nwork = \"tcp://0.0.0.0:5571\"", "needs CURVE"),
        ("[queue\n", "line 1"),
        ("[queue]\nmetrics = \"tcp://0.0.0.0:9570\"", "no authentication"),
        ("[pipeline]\nid = \"\"", "must not be empty"),
        ("[stages.fetch]\ntimeout = 5", "unknown setting 'stages.fetch.timeout'; [stages.fetch] takes workers"),
        ("[stages.store]\nbatchsize = 5", "unknown setting 'stages.store.batchsize'"),
    ])
    func errors(text: String, message: String) {
        #expect {
            _ = try PipelineConfig.parse(text, path: "bad.toml")
        } throws: { error in
            "\(error)".hasPrefix("bad.toml: ") && "\(error)".contains(message)
        }
    }

    @Test("beyond loopback is allowed with CURVE keys; loopback and ipc need none")
    func curveRule() throws {
        #expect(throws: Never.self) { try PipelineConfig.parse("[queue]\nsubmit = \"tcp://localhost:1\"\nwork = \"ipc:///tmp/w\"") }
        let config = try PipelineConfig.parse("[queue]\nwork = \"tcp://10.0.0.5:5571\"\ncurve_secret_key = \"k\"\ncurve_public_key = \"p\"")
        #expect(config.queue.curveSecretKey == "k")
    }

    @Test("an allow-list of client keys needs CURVE on the queue")
    func allowListNeedsCurve() throws {
        #expect(throws: ConfigError.self) { try PipelineConfig.parse("[queue]\ncurve_authorized_keys = \"keys/authorized\"") }
        let config = try PipelineConfig.parse("[queue]\ncurve_secret_key = \"k\"\ncurve_public_key = \"p\"\ncurve_authorized_keys = \"a\"\ncurve_client_key = \"c\"")
        #expect(config.queue.curveAuthorizedKeys == "a" && config.queue.curveClientKey == "c")
    }

    @Test("a missing file says so")
    func missing() {
        #expect(throws: ConfigError.self) { try PipelineConfig.load(path: "/nonexistent/pipeline.toml") }
    }

    @Test("a file with no settings (empty, or comments only) is refused rather than read as every default")
    func emptyFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-empty-\(UUID().uuidString).toml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        for text in ["", "\n  \n", "# just a comment\n   # another\n"] {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            #expect { _ = try PipelineConfig.load(path: path) } throws: { "\($0)".contains("has no settings") }
        }
    }

    @Test("the pipeline id: pipeline.id when set, else the stages and the absolute data directory")
    func pipelineID() throws {
        let config = try PipelineConfig.parse("[queue]\nwindow = 8")
        #expect(config.id(dataDirectory: "/tmp/a") == config.id(dataDirectory: "/tmp/b/../a"))
        #expect(config.id(dataDirectory: "/tmp/a") != config.id(dataDirectory: "/tmp/b"))
        let cwd = FileManager.default.currentDirectoryPath
        #expect(config.id(dataDirectory: "data") == config.id(dataDirectory: cwd + "/data"))
        #expect(try PipelineConfig.parse("[pipeline]\nid = \"newsroom\"").id(dataDirectory: "/x") == "newsroom")
    }

    @Test("a custom stage's options are its own: passed through, not checked")
    func customStageOptions() throws {
        let config = try PipelineConfig.parse("[pipeline]\nstages = [\"clean\", \"render\"]\n[stages.render]\nworkers = 0\nzoom = 2")
        #expect(config.number("render.zoom", default: 1) == 2)
    }

    @Test("stage options as lists of strings")
    func stringLists() throws {
        let config = try PipelineConfig.parse("""
            [pipeline]
            stages = ["fetch", "clean", "render"]
            [stages.fetch]
            file_roots = ["/srv/a", "/srv/b"]
            [stages.render]
            workers = 0
            bad = [1]
            scalar = "x"
            """)
        #expect(try config.strings("fetch.file_roots") == ["/srv/a", "/srv/b"])
        #expect(try config.strings("fetch.allow_networks") == [])
        #expect(throws: ConfigError.self) { try config.strings("render.bad") }
        #expect(throws: ConfigError.self) { try config.strings("render.scalar") }
    }
}
