import Foundation
import Testing
@testable import PresslineCore
@testable import PresslineFetch
import PresslineTesting

@Suite("Fetch stage", .serialized)
struct FetchStageTests {
    /// The test servers are on loopback, which the stage reaches only when allowed to.
    static let loopback = try! AddressPolicy(allowing: ["127.0.0.0/8"])

    func fetch(_ url: String, limits: FetchLimits = FetchLimits(timeout: 5), addresses: AddressPolicy = loopback,
               fileRoots: FileRoots = FileRoots()) throws -> Fetched {
        let stage = FetchStage(limits: limits, addresses: addresses, fileRoots: fileRoots)
        guard case .next(let document) = try stage.process(Document(input: Input(kind: .url, url: url))) else {
            throw StageFailure.permanent("no document")
        }
        return try #require(document.fetched)
    }

    /// Whether `body` throws a permanent failure whose reason contains `words`.
    func refuses(_ words: String, permanent: Bool = true, _ body: () throws -> Fetched) -> Bool {
        do {
            _ = try body()
            return false
        } catch {
            return (error as? StageFailure).map { $0.kind == .permanent } == permanent && "\(error)".contains(words)
        }
    }

    @Test("fetches a page over HTTP and decodes it, noting when")
    func http() throws {
        let server = try LocalHTTPServer(files: ["story.html": "<html><body><p>Café news</p></body></html>"])
        let before = Date().timeIntervalSince1970
        let fetched = try fetch(server.url("story.html"))
        #expect(fetched.fetchedAt.map { $0 >= before && $0 <= Date().timeIntervalSince1970 } == true, "\(String(describing: fetched.fetchedAt))")
        #expect(fetched.status == 200)
        #expect(fetched.contentType.hasPrefix("text/html"))
        #expect(fetched.body.contains("Café news"))
    }

    @Test("a 404 fails permanently; an unreachable host fails transiently; a URL without a host fails permanently at once")
    func failures() throws {
        let server = try LocalHTTPServer(files: [:])
        #expect(refuses("404") { try fetch(server.url("missing.html")) })
        let closed = try FreePort.find()
        #expect { try fetch("http://127.0.0.1:\(closed)/x") } throws: { ($0 as? StageFailure)?.kind == .transient }
        #expect(refuses("names no host") { try fetch("http://") })
        #expect(refuses("cannot resolve") { try fetch("http://no-such-host.invalid/x") })
    }

    @Test("a page over the size cap fails permanently")
    func sizeCap() throws {
        let server = try LocalHTTPServer(files: ["big.html": String(repeating: "x", count: 50_000)])
        #expect(refuses("larger than") { try fetch(server.url("big.html"), limits: FetchLimits(timeout: 5, maxBytes: 10_000)) })
    }

    @Test("by default the stage reaches no loopback, private, link-local or metadata address, literal or resolved")
    func privateAddresses() throws {
        let server = try LocalHTTPServer(files: ["story.html": "<p>secret</p>"])
        #expect(refuses("a loopback address") { try fetch(server.url("story.html"), addresses: AddressPolicy()) })
        #expect(refuses("a loopback address") { try fetch("http://localhost:\(server.port)/story.html", addresses: AddressPolicy()) })
        for (url, what) in [("http://169.254.169.254/latest/meta-data/", "metadata"), ("http://10.1.2.3/", "private"),
                            ("http://192.168.0.1/", "private"), ("http://[::1]:\(server.port)/", "loopback"),
                            ("http://[::ffff:127.0.0.1]:\(server.port)/", "loopback"), ("http://[fd00:ec2::254]/", "unique local"),
                            ("http://0.0.0.0:\(server.port)/", "unspecified")] {
            #expect(refuses(what) { try fetch(url, addresses: AddressPolicy()) }, "\(url)")
        }
    }

    @Test("a redirect is checked like the first request: from an allowed host to a forbidden one is refused")
    func redirects() throws {
        let target = try LocalHTTPServer(files: ["metrics.txt": "pressline_jobs_total 1"])
        let allowed = try LocalHTTPServer(files: ["story.html": "<p>fine</p>"], address: "127.0.0.2")
        let onlySecond = try AddressPolicy(allowing: ["127.0.0.2/32"])
        #expect(try fetch(allowed.url("story.html"), addresses: onlySecond).body.contains("fine"))
        let hop = allowed.url("__redirect?to=\(target.url("metrics.txt"))")
        #expect(refuses("redirected to a URL the fetch stage does not reach") { try fetch(hop, addresses: onlySecond) })
        // A file: Location is never followed: no file is read.
        #expect(refuses("not an http or https URL") { try fetch(allowed.url("__redirect?to=file:///etc/passwd"), addresses: onlySecond) })
        #expect(try fetch(hop).body.contains("pressline_jobs_total"), "with loopback allowed the same redirect is followed")
    }

    @Test("a server that drips one byte a second fails as timed out after the limit, not later")
    func drip() throws {
        let server = try LocalHTTPServer(files: [:])
        let started = ContinuousClock.now
        #expect(refuses("timed out after 2 s", permanent: false) { try fetch(server.url("__drip"), limits: FetchLimits(timeout: 2)) })
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("file URLs: refused without file_roots; read under a root; .., symbolic links and directories do not lead out")
    func files() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-roots-\(UUID().uuidString)")
        let pages = root.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "Plain article text.".write(to: pages.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "secret".write(to: root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("link.txt").path, withDestinationPath: "/etc/passwd")
        let url = pages.appendingPathComponent("a.txt").absoluteString

        #expect(refuses("file:// URLs are not read from the queue") { try fetch(url) })
        #expect(refuses("file:// URLs are not read from the queue") { try fetch("file:///etc/shadow") })
        let roots = FileRoots([pages.path])
        #expect(try fetch(url, fileRoots: roots).body == "Plain article text.")
        #expect(refuses("outside stages.fetch.file_roots") { try fetch("file://\(pages.path)/../secret.txt", fileRoots: roots) })
        #expect(refuses("outside stages.fetch.file_roots") { try fetch(pages.appendingPathComponent("link.txt").absoluteString, fileRoots: roots) })
        #expect(refuses("outside stages.fetch.file_roots") { try fetch("file:///", fileRoots: roots) })
        #expect(refuses("not a regular file") { try fetch("file://\(pages.path)/", fileRoots: FileRoots([root.path])) })
        #expect(refuses("no such file") { try fetch("file://\(pages.path)/missing.txt", fileRoots: roots) })
        #expect(refuses("scheme 'ftp'") { try fetch("ftp://127.0.0.1/x") })
    }

    @Test("robots.txt is asked once per site: a disallowed page is never requested; a missing file allows all; an unreadable one holds the site back")
    func robots() throws {
        let site = try LocalHTTPServer(files: ["robots.txt": "User-agent: *\nDisallow: /private/\n", "open.html": "<p>open</p>",
                                               "private/secret.html": "<p>secret</p>", "other.html": "<p>other</p>"])
        #expect(try fetch(site.url("open.html")).body.contains("open"))
        #expect(refuses("disallowed by robots.txt for Pressline") { try fetch(site.url("private/secret.html")) })
        #expect(!site.requests.contains("/private/secret.html"), "the disallowed page was requested: \(site.requests)")

        let stage = FetchStage(limits: FetchLimits(timeout: 5), addresses: Self.loopback)
        for page in ["open.html", "other.html"] {
            _ = try stage.process(Document(input: Input(kind: .url, url: site.url(page))))
        }
        // Two stages above read it once each; this one once for both pages.
        #expect(site.requests.filter { $0 == "/robots.txt" }.count == 3, "one stage reads robots.txt once: \(site.requests)")

        let bare = try LocalHTTPServer(files: ["a.html": "<p>no robots here</p>"])
        #expect(try fetch(bare.url("a.html")).body.contains("no robots"), "a 404 robots.txt allows everything")

        let failing = try LocalHTTPServer(files: ["robots.status": "503", "a.html": "<p>later</p>"])
        #expect(refuses("robots.txt cannot be read now", permanent: false) { try fetch(failing.url("a.html")) })
        #expect(!failing.requests.contains("/a.html"))
    }

    @Test("a decompression bomb stops at the size cap, not in memory; binary bytes labelled text/html are refused")
    func hostileBodies() throws {
        let server = try LocalHTTPServer(files: [:])
        #expect(refuses("larger than 1048576 bytes") { try fetch(server.url("__gzipbomb"), limits: FetchLimits(timeout: 10, maxBytes: 1 << 20)) })
        #expect(refuses("is binary, not a page") { try fetch(server.url("__binary")) })
    }

    @Test("a byte-order mark decides the charset, whatever the label says")
    func byteOrderMarks() throws {
        let text = "<p>Grüße aus Köln</p>"
        let utf16 = try #require(text.data(using: .utf16LittleEndian))
        #expect(CharsetDecoder.decode(Data([0xFF, 0xFE]) + utf16, declared: "iso-8859-1") == text)
        #expect(CharsetDecoder.decode(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), declared: "windows-1252") == text)
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

    @Test("a page labelled UTF-8 that is not: Windows-1251 Cyrillic and Windows-1252 Western are told apart by their bytes")
    func mislabelledCharset() throws {
        let russian = "<html><head><meta charset=\"utf-8\"></head><body><p>Мэр города открыл новый мост в понедельник.</p></body></html>"
        let cyrillic = try #require(russian.data(using: .windowsCP1251))
        #expect(CharsetDecoder.decode(cyrillic, declared: "utf-8").contains("Мэр города открыл новый мост"))
        let french = "<html><body><p>Le maire a inauguré le pont de la rivière, déclaré sûr.</p></body></html>"
        let western = try #require(french.data(using: .windowsCP1252))
        #expect(CharsetDecoder.decode(western, declared: "utf-8").contains("inauguré le pont de la rivière, déclaré sûr"))
    }
}

@Suite("Address policy")
struct AddressPolicyTests {
    @Test("address ranges: containment by prefix, both families, bad text refused")
    func networks() throws {
        let network = try IPNetwork("10.1.0.0/16")
        #expect(network.contains(try #require(IPAddress("10.1.255.3"))))
        #expect(!network.contains(try #require(IPAddress("10.2.0.1"))))
        #expect(!network.contains(try #require(IPAddress("::1"))))
        #expect(try IPNetwork("fe80::/10").contains(try #require(IPAddress("febf::1"))))
        #expect(try IPNetwork("127.0.0.2").prefix == 32)
        for bad in ["10.0.0.0/33", "example.com", "10.0.0.0/8/1", "::1/200", ""] {
            #expect(throws: IPNetwork.ParseError.self) { try IPNetwork(bad) }
        }
    }

    @Test("public addresses pass; special-purpose ones are named; an allowed range opens only itself")
    func refusals() throws {
        let policy = AddressPolicy()
        #expect(policy.refusal(for: try #require(IPAddress("93.184.216.34"))) == nil)
        #expect(policy.refusal(for: try #require(IPAddress("2606:2800:220:1::1"))) == nil)
        #expect(policy.refusal(for: try #require(IPAddress("169.254.169.254")))?.contains("metadata") == true)
        #expect(policy.refusal(for: try #require(IPAddress("64:ff9b::a00:1")))?.contains("private") == true)
        #expect(policy.refusal(for: try #require(IPAddress("2002:c0a8:0101::1")))?.contains("private") == true)
        let opened = try AddressPolicy(allowing: ["127.0.0.2/32"])
        #expect(opened.refusal(for: try #require(IPAddress("127.0.0.2"))) == nil)
        #expect(opened.refusal(for: try #require(IPAddress("127.0.0.1"))) != nil)
    }
}

@Suite("Retry-After")
struct RetryAfterTests {
    @Test("seconds or an HTTP date, as seconds from now; anything else is no advice")
    func parse() {
        let now = Date(timeIntervalSince1970: 1_764_936_000)   // Fri, 05 Dec 2025 12:00:00 GMT
        #expect(HTTPFetcher.seconds(retryAfter: "120", now: now) == 120)
        #expect(HTTPFetcher.seconds(retryAfter: " 5 ", now: now) == 5)
        #expect(HTTPFetcher.seconds(retryAfter: "Fri, 05 Dec 2025 12:00:30 GMT", now: now) == 30)
        #expect(HTTPFetcher.seconds(retryAfter: "Fri, 05 Dec 2025 11:00:00 GMT", now: now) == 0)
        #expect(HTTPFetcher.seconds(retryAfter: "soon", now: now) == nil)
        #expect(HTTPFetcher.seconds(retryAfter: "-3", now: now) == nil)
    }
}
