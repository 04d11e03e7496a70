import Foundation

/// Paths to the repository and to `../shared` (read-only benchmark and seed data beside the clone).
enum SharedData {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = repository.deletingLastPathComponent().appendingPathComponent("shared")
    static let seedText = root.appendingPathComponent("seed/kyiv-independent-rutte-zelensky.txt")
    static let seedExpectations = root.appendingPathComponent("seed/kyiv-independent-rutte-zelensky.expected.json")
    /// True when ../shared/seed is there; tests that need it are skipped with this reason otherwise.
    static var hasSeed: Bool { FileManager.default.fileExists(atPath: seedText.path) }
    static let missingReason: Comment = "../shared/seed is absent beside the clone; seed tests skipped"

    static func sample(_ name: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent("samples/\(name)"), encoding: .utf8)
    }
}

import Testing
