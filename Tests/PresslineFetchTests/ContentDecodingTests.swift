import Foundation
import Testing
@testable import PresslineFetch
import PresslineTesting

@Suite("Content codings")
struct ContentDecodingTests {
    static let page = Data(String(repeating: "<p>The harbour board approved the pier repairs on Monday.</p>\n", count: 200).utf8)

    /// `data` compressed by the `brotli` command (Debian's brotli package, which `make deps` installs).
    func brotli(_ data: Data) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-br-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("body")
        try data.write(to: input)
        let run = try Command.run("/usr/bin/brotli", ["-q", "5", input.path, "-o", input.path + ".br"])
        #expect(run.status == 0, "\(run.output)")
        return try Data(contentsOf: URL(fileURLWithPath: input.path + ".br"))
    }

    @Test("gzip, raw deflate, brotli and none give the page back")
    func codings() throws {
        #expect(try ContentDecoding.decode(Gunzip.member(Self.page), coding: "gzip", limit: 1 << 20) == Self.page)
        #expect(try ContentDecoding.decode(brotli(Self.page), coding: "br", limit: 1 << 20) == Self.page)
        #expect(try ContentDecoding.decode(Self.page, coding: nil, limit: 1 << 20) == Self.page)
        #expect(try ContentDecoding.decode(Self.page, coding: "identity", limit: 1 << 20) == Self.page)
        // Raw deflate, which some servers send as `deflate`, is a gzip member without its header (10 bytes) and
        // trailer (8); zlib-wrapped deflate is what the test server sends (`FetchEncodingTests.codings`).
        let member = Gunzip.member(Self.page)
        let raw = member.dropFirst(10).dropLast(8)
        #expect(try ContentDecoding.decode(Data(raw), coding: "deflate", limit: 1 << 20) == Self.page)
    }

    @Test("a bomb stops at the limit in every coding; an unknown coding and damaged data are named")
    func refusals() throws {
        let bomb = Data(repeating: 0x61, count: 20 << 20)
        for (body, coding) in [(Gunzip.member(bomb), "gzip"), (try brotli(bomb), "br")] {
            #expect(body.count < 1 << 20)
            #expect { try ContentDecoding.decode(body, coding: coding, limit: 1 << 20) } throws: { ($0 as? ContentDecoding.Failure)?.tooLarge == true }
        }
        #expect { try ContentDecoding.decode(Self.page, coding: "zstd", limit: 1 << 20) } throws: { "\($0)".contains("zstd") }
        #expect { try ContentDecoding.decode(Data("not brotli at all".utf8), coding: "br", limit: 1 << 20) } throws: { "\($0)".contains("brotli") }
    }
}
