import Foundation
import Testing
@testable import PresslineRuntime

@Suite("File locks and private files")
struct FileLockTests {
    @Test("a held lock is refused with the holder's pid; released, it can be taken again")
    func exclusive() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-lock-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try FileLock(path: path, wait: false)
        #expect { try FileLock(path: path, wait: false) } throws: { "\($0)".contains("locked by another process (pid \(getpid()))") }
        first.release()
        let again = try FileLock(path: path, wait: false)
        again.release()
    }

    @Test("restrict takes group and other permissions away and leaves the owner's")
    func restrict() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-mode-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o664])
        PrivateFiles.restrict([path, path + "-missing"])
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }
}
