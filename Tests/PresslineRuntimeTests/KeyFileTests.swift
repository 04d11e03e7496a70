import Foundation
import Testing
import PresslineTesting
@testable import PresslineCore
@testable import PresslineRuntime

@Suite("Key files and allow-lists")
struct KeyFileTests {
    func write(_ text: String) throws -> String {
        let path = TemporaryFolder.path("keys", file: "keys")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("an allow-list keeps keys that contain '#', and skips comments and blank lines")
    func allowList() throws {
        let withHash = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf#"
        let plain = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID"
        let path = try write("# workers\n\n\(withHash)  # clean host, added 2026-11-29\n\t\(plain)\n")
        #expect(try KeyFile.readList(path) == [withHash, plain])
    }

    @Test("a line that is not a key is named with its line number")
    func badLine() throws {
        let path = try write("# list\nnot-a-key\n")
        #expect(throws: ConfigError.self) { try KeyFile.readList(path) }
        do { _ = try KeyFile.readList(path) } catch { #expect(error.path.hasSuffix(":2")) }
    }
}
