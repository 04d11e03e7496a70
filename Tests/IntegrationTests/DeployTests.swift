import Foundation
import PresslineTesting
import Testing

/// The shipped systemd units confine each process (docs/RELIABILITY.md, "Threat model").
@Suite("Deployment units")
struct DeployTests {
    static let analyzer = "/usr/bin/systemd-analyze"
    static let units = ["pressline-queue.service", "pressline-fetch@.service", "pressline-clean@.service",
                        "pressline-extract@.service", "pressline-store@.service"]

    @Test("every unit runs as the pressline user, hardened: systemd-analyze security rates it 2.0 or better",
          .enabled(if: FileManager.default.isExecutableFile(atPath: analyzer), "systemd-analyze is not installed (Debian package systemd)"))
    func hardened() throws {
        for unit in Self.units {
            let path = PipelineHarness.repository.appendingPathComponent("deploy/systemd/\(unit)").path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("User=pressline") && text.contains("ProtectSystem=strict") && text.contains("NoNewPrivileges=yes"), "\(unit)")
            let output = try Command.run(Self.analyzer, ["security", "--offline=true", "--no-pager", path]).output
            let score = output.split(separator: "\n").last { $0.contains("Overall exposure level") }
                .flatMap { $0.split(separator: ":").last?.split(separator: " ").first }.flatMap { Double($0) }
            #expect(score != nil && score! <= 2.0, "\(unit): \(output.suffix(300))")
        }
    }
}
