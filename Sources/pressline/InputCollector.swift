import ArgumentParser
import Foundation
import PresslineCore
import PresslineWire
import PresslineJSON

/// Turns push ITEMs (URL, file, directory, -) into inputs, naming what it skips. Files are listed first
/// and read one at a time as they are sent (``load(_:)``), so a push of 100,000 files holds a window of
/// them in memory, not all of them.
struct InputCollector {
    let published: String?

    /// File endings taken as pages and as plain-text articles.
    static let htmlExtensions: Set<String> = ["html", "htm", "xhtml"]
    static let textExtensions: Set<String> = ["txt", "text", "md"]

    /// An input to send: ready (a URL, stdin) or a file still to read.
    enum Pending {
        case ready(Input)
        case file(path: String, kind: Input.Kind)

        var name: String {
            switch self {
            case .ready(let input): input.name ?? input.url ?? "input"
            case .file(let path, _): path
            }
        }
    }

    struct Collected {
        var inputs: [Pending] = []
        var skipped: [(path: String, reason: String)] = []
    }

    /// An item that cannot be pushed at all.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        let exitCode: ExitCode
    }

    func collect(_ items: [String]) throws -> Collected {
        var out = Collected()
        for item in items {
            if item == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                if let problem = Self.problem(with: data) { throw Failure(description: "stdin \(problem)", exitCode: ExitStatus.dataError) }
                let text = String(decodingUTF8: data)
                let kind: Input.Kind = text.range(of: "<html", options: .caseInsensitive) != nil ? .html : .text
                out.inputs.append(.ready(Input(kind: kind, content: text, name: "stdin", published: published)))
            } else if let url = URL(string: item), let scheme = url.scheme?.lowercased(), ["http", "https", "file"].contains(scheme) {
                out.inputs.append(.ready(Input(kind: .url, url: URLNormalizer.normalize(item), name: item, published: published)))
            } else {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: item, isDirectory: &isDirectory) else {
                    throw Failure(description: "\(item): no such file or directory (URLs need http://, https:// or file://)", exitCode: ExitStatus.noInput)
                }
                if isDirectory.boolValue {
                    try collectDirectory(item, into: &out)
                } else {
                    switch Self.kind(of: item) {
                    case .success(let kind): out.inputs.append(.file(path: item, kind: kind))
                    case .failure(let reason): throw Failure(description: "\(item): \(reason.message)", exitCode: ExitStatus.dataError)
                    }
                }
            }
        }
        return out
    }

    private func collectDirectory(_ path: String, into out: inout Collected) throws {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if (relative as NSString).lastPathComponent.hasPrefix(".") { continue }
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue { files.append(full) }
        }
        for file in files.sorted() {
            switch Self.kind(of: file) {
            case .success(let kind): out.inputs.append(.file(path: file, kind: kind))
            case .failure(let reason): out.skipped.append((file, reason.message))
            }
        }
    }

    struct Reason: Error { let message: String }

    /// What a file holds, by its ending.
    private static func kind(of path: String) -> Result<Input.Kind, Reason> {
        let ext = (path as NSString).pathExtension.lowercased()
        if htmlExtensions.contains(ext) { return .success(.html) }
        if textExtensions.contains(ext) { return .success(.text) }
        return .failure(Reason(message: "not an article file (expected .html, .htm, .txt, .text or .md)"))
    }

    /// The SUBMIT payload of an input, its file read now; a file that cannot be sent says why.
    func load(_ pending: Pending) -> Result<Data, Reason> {
        switch pending {
        case .ready(let input): .success(PayloadAttachment.submission(input))
        case .file(let path, let kind): read(path, kind: kind)
        }
    }

    /// Why `data` cannot be an article (empty, or binary), or nil. Files and stdin get the same test
    /// (`CLITests.garbageInput`).
    static func problem(with data: Data) -> String? {
        // memchr: a byte-at-a-time `contains` over each page was most of what reading it cost.
        let hasNUL = data.withUnsafeBytes { $0.count > 0 && memchr($0.baseAddress!, 0, $0.count) != nil }
        if hasNUL { return "is binary, not text" }
        // Text holds few control characters besides tab and line ends; random or compressed bytes hold many.
        let sample = data.prefix(4096)
        let controls = sample.reduce(0) { $0 + ($1 < 0x20 && $1 != 0x09 && $1 != 0x0A && $1 != 0x0D ? 1 : 0) }
        if controls * 20 > sample.count { return "is binary, not text" }
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return "is empty" }
        return nil
    }

    private func read(_ path: String, kind: Input.Kind) -> Result<Data, Reason> {
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(Reason(message: "cannot be read")) }
        guard data.count <= WireProtocol.maxSubmitBytes else {
            return .failure(Reason(message: "is \(data.count) bytes; the limit is \(WireProtocol.maxSubmitBytes)"))
        }
        if let problem = Self.problem(with: data) { return .failure(Reason(message: problem)) }
        let url = URL(fileURLWithPath: path).standardizedFileURL.absoluteString
        let input = Input(kind: kind, url: url, name: path, published: published)
        // A byte-order mark is dropped, as Foundation's UTF-8 decoding does; the rest goes as read.
        return .success(PayloadAttachment.submission(input, attaching: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data))
    }
}
