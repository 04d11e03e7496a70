import ArgumentParser
import Foundation
import PresslineClean
import PresslineCore
import PresslineRuntime
import PresslineExtract
import PresslineStore
import PresslineJSON

/// `pressline process`: run the stage libraries in this process, without a queue.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Run clean and extract in-process on files, JSON Lines or stdin; print records.",
        discussion: """
              pressline process article.html
              pressline process --stages clean --format ndjson pages/*.html
              pressline process --stages extract --jsonl docs.jsonl > predictions.jsonl
              pressline process --db articles.db pages/*.html     (also stores the records)

            --jsonl lines are {"doc": ID, "html": "…", "url": "…"} or {"doc": ID, "text": "…", "published": "YYYY-MM-DD"};
            each output line copies "doc". With --stages extract the text is taken as already
            clean, and every offset indexes it exactly.

            Each HTML page gets a page_type: article, or listing, forum, product, service, collection,
            documentation. Pages that are no article are printed with their type and no text, and are
            not extracted; --every-page-an-article takes every page for an article, as before.
            """)

    @Option(help: "Stages to run, comma-separated, from: clean, extract.")
    var stages: String = "clean,extract"

    @Option(help: "Read JSON Lines input from this file (- for stdin).")
    var jsonl: String?

    /// What process prints: one JSON array, or a record a line.
    enum Format: String, CaseIterable, ExpressibleByArgument { case json, ndjson }

    /// The stages process runs in this process.
    enum LocalStage: String, CaseIterable { case clean, extract }

    @Option(help: "Output format: json or ndjson (default ndjson with --jsonl, json otherwise).")
    var format: Format?

    @Option(help: ArgumentHelp("Also store the records in this SQLite file, as the store stage does (batches of 64).",
                               discussion: "Prints the store's own time and articles/s on stderr.", valueName: "path"))
    var db: String?

    @Flag(help: "Take every page for an article (no page types), as stages.clean.every_page_an_article does.")
    var everyPageAnArticle = false

    @Argument(help: "HTML or text files, or - for stdin.")
    var files: [String] = []

    var stageNames: [String] { stages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    var stageList: [LocalStage] { stageNames.compactMap(LocalStage.init(rawValue:)) }

    func validate() throws {
        if let unknown = stageNames.first(where: { LocalStage(rawValue: $0) == nil }) {
            throw ValidationError("Unknown stage '\(unknown)'; process runs clean and extract.")
        }
        if stageList.isEmpty { throw ValidationError("Please name at least one stage with --stages.") }
        if jsonl == nil && files.isEmpty { throw ValidationError("Please give FILEs, --jsonl FILE, or - for stdin.") }
    }

    func run() throws {
        let items = try jsonl.map(readJSONL) ?? files.map(readFile)
        let pipeline: [any DocumentStage]
        do {
            pipeline = try stageList.map { (stage) throws -> any DocumentStage in
                switch stage {
                case .clean: try CleanStage(pageTypes: everyPageAnArticle ? nil : PageTypeModel.shipped.get())
                case .extract: try ExtractStage()
                }
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.configError
        }
        let outputFormat = format ?? (jsonl != nil ? .ndjson : .json)
        var failures = 0
        var outputs: [ProcessOutput] = []
        var stored: [ArticleRecord] = []
        for item in items {
            var output = ProcessOutput(doc: item.doc)
            do {
                output.record = try runStages(pipeline, on: item)
            } catch {
                failures += 1
                output.error = "\(error)"
                printError("\(item.doc): \(error)")
            }
            if db != nil, let record = output.record { stored.append(record) }
            if outputFormat == .ndjson {
                print(String(decoding: output.compactJSON(), as: UTF8.self))
            } else {
                outputs.append(output)
            }
        }
        if let db { try store(stored, in: db) }
        if outputFormat == .json {
            let compact = outputs.count == 1 && jsonl == nil ? outputs[0].compactJSON() : ProcessOutput.compactJSON(of: outputs)
            print(String(decoding: try JSON.pretty(compact), as: UTF8.self))
        }
        if failures > 0 { throw ExitStatus.someFailed }
    }

    /// Saves `records` as the store worker does, in batches, and reports the store's own throughput.
    private func store(_ records: [ArticleRecord], in path: String) throws {
        let start = monotonicSeconds()
        do {
            let store = try ArticleStore(path: path)
            var position = 0
            while position < records.count {
                let batch = Array(records[position..<min(records.count, position + Self.storeBatch)])
                try store.save(batch)
                position += batch.count
            }
        } catch {
            printError("cannot store the records in \(path): \(error)")
            throw ExitStatus.ioError
        }
        let seconds = monotonicSeconds() - start
        printNote(String(format: "stored %d articles in %@ in %.2f s (%.0f articles/s)", records.count, path, seconds, Double(records.count) / max(seconds, 1e-9)))
    }

    /// Records per transaction with --db, as the default pipeline's store batch.
    static let storeBatch = 64

    private func runStages(_ pipeline: [any DocumentStage], on item: Item) throws -> ArticleRecord {
        var document = Document(input: item.input)
        if stageList.first == .extract {
            // Already clean: the text is the record's text, unchanged, so offsets index it exactly.
            document.record = ArticleRecord(id: ArticleRecord.makeID(canonicalURL: nil, text: item.input.content ?? ""),
                                            published: item.input.published, text: item.input.content ?? "")
        }
        for stage in pipeline {
            switch try stage.process(document) {
            case .next(let next), .nextFollowing(let next, _): document = next
            case .done: break
            }
        }
        guard let record = document.record else { throw StageFailure.permanent("no record was produced") }
        return record
    }

    struct Item {
        var doc: String
        var input: Input
    }

    private func readFile(_ path: String) throws -> Item {
        let data: Data
        if path == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                printError("\(path): no such file")
                throw ExitStatus.noInput
            }
            data = contents
        }
        let text = String(decodingUTF8: data)
        let ext = (path as NSString).pathExtension.lowercased()
        let isHTML = ["html", "htm", "xhtml"].contains(ext) || (path == "-" && text.range(of: "<html", options: .caseInsensitive) != nil)
        return Item(doc: path, input: Input(kind: isHTML ? .html : .text, content: text, name: path))
    }

    private func readJSONL(_ path: String) throws -> [Item] {
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data else {
            printError("\(path): no such file")
            throw ExitStatus.noInput
        }
        var items: [Item] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
            guard let line = try? JSON.decoder.decode(JSONLine.self, from: Data(line)), line.html != nil || line.text != nil else {
                printError("\(path):\(number + 1): expected {\"doc\": …, \"html\" or \"text\": …}")
                throw ExitStatus.dataError
            }
            let input = line.html.map { Input(kind: .html, url: line.url, content: $0, published: line.published) }
                ?? Input(kind: .text, content: line.text, published: line.published)
            items.append(Item(doc: line.doc, input: input))
        }
        return items
    }

    struct JSONLine: Decodable {
        var doc: String
        var html: String?
        var url: String?
        var text: String?
        var published: String?
    }
}

/// One output line of `process`: the record's fields plus `doc`, or an error.
struct ProcessOutput {
    var doc: String
    var record: ArticleRecord?
    var error: String?

    /// The output as one compact JSON object (one line of ndjson).
    func compactJSON() -> [UInt8] {
        var writer = JSONWriter(capacity: (record?.text.utf8.count ?? 0) * 2 + 64)
        write(to: &writer)
        return writer.bytes
    }

    /// Outputs as one compact JSON array.
    static func compactJSON(of outputs: [ProcessOutput]) -> [UInt8] {
        var writer = JSONWriter(capacity: 4096)
        writer.array(outputs) { $1.write(to: &$0) }
        return writer.bytes
    }

    private func write(to writer: inout JSONWriter) {
        if let record { return record.write(to: &writer, doc: doc, error: error) }
        writer.object { out in
            out.field("doc", doc)
            out.field("error", error)
        }
    }
}
