import Foundation

/// Paths to the repository and to `../shared` (read-only benchmark and seed data beside the clone).
public enum SharedData {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let root = repository.deletingLastPathComponent().appendingPathComponent("shared")
    public static let seedText = root.appendingPathComponent("seed/kyiv-independent-rutte-zelensky.txt")
    public static let seedExpectations = root.appendingPathComponent("seed/kyiv-independent-rutte-zelensky.expected.json")
    /// True when ../shared/seed is there; tests that need it are skipped with this reason otherwise.
    public static var hasSeed: Bool { FileManager.default.fileExists(atPath: seedText.path) }
    public static let missingReason = "../shared/seed is absent beside the clone; seed tests skipped"

    public static func sample(_ name: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent("samples/\(name)"), encoding: .utf8)
    }
}

