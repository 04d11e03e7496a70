import Foundation
import Testing
@testable import PresslineCore
@testable import PresslineFetch
import PresslineTesting

@Suite("Fetch stage", .serialized)
struct FetchStageTests {
    func fetch(_ url: String, limits: FetchLimits = FetchLimits(timeout: 5)) throws -> Fetched {
        guard case .next(let document) = try FetchStage(limits: limits).process(Document(input: Input(kind: .url, url: url))) else {
            throw StageFailure.permanent("no document")
        }
        return try #require(document.fetched)
    }

    @Test("fetches a page over HTTP and decodes it")
    func http() throws {
        let server = try LocalHTTPServer(files: ["story.html": "<html><body><p>Café news</p></body></html>"])
        let fetched = try fetch(server.url("story.html"))
        #expect(fetched.status == 200)
        #expect(fetched.isHTML)
        #expect(fetched.body.contains("Café news"))
    }

    @Test("a 404 fails permanently; an unreachable host fails transiently")
    func failures() throws {
        let server = try LocalHTTPServer(files: [:])
        #expect { try fetch(server.url("missing.html")) } throws: { ($0 as? StageFailure)?.permanent == true && "\($0)".contains("404") }
        let closed = try FreePort.find()
        #expect { try fetch("http://127.0.0.1:\(closed)/x") } throws: { ($0 as? StageFailure)?.permanent == false }
    }

    @Test("a page over the size cap fails permanently")
    func sizeCap() throws {
        let server = try LocalHTTPServer(files: ["big.html": String(repeating: "x", count: 50_000)])
        #expect { try fetch(server.url("big.html"), limits: FetchLimits(timeout: 5, maxBytes: 10_000)) } throws: {
            ($0 as? StageFailure)?.permanent == true && "\($0)".contains("larger than")
        }
    }

    @Test("file URLs are read, missing files fail permanently, other schemes are refused")
    func files() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-\(UUID().uuidString).txt")
        try "Plain article text.".write(to: path, atomically: true, encoding: .utf8)
        #expect(try fetch(path.absoluteString).body == "Plain article text.")
        #expect { try fetch("file:///nonexistent/x.txt") } throws: { ($0 as? StageFailure)?.permanent == true }
        #expect { try fetch("ftp://127.0.0.1/x") } throws: { "\($0)".contains("scheme 'ftp'") }
    }

    @Test("inline content passes through untouched")
    func inline() throws {
        let output = try FetchStage().process(Document(input: Input(kind: .text, content: "Hello")))
        guard case .next(let document) = output else { Issue.record("no document"); return }
        #expect(document.fetched?.body == "Hello" && document.fetched?.contentType == "text/plain")
    }

    @Test("a Windows-1252 page declared in <meta> decodes")
    func charset() {
        var bytes = Array("<html><head><meta charset=\"windows-1252\"></head><body>caf".utf8)
        bytes.append(0xE9)
        bytes += Array("</body></html>".utf8)
        #expect(CharsetDecoder.decode(Data(bytes), declared: nil).contains("café"))
    }
}
