import Testing
@testable import PresslineWire

@Suite("URL normal form")
struct URLNormalizerTests {
    @Test("variants of one URL come out the same", arguments: [
        "http://example.com/a/c?a=1&b=2",
        "HTTP://EXAMPLE.com:80/a/c?a=1&b=2",
        "http://example.com/a/./b/../c?b=2&a=1",
        "http://example.com/a/c?a=1&b=2#comments",
        "http://example.com/a/c?utm_source=feed&a=1&utm_medium=rss&b=2&fbclid=XYZ",
        "http://example.com./a/c?gclid=1&a=1&b=2",
    ])
    func variants(url: String) {
        #expect(URLNormalizer.normalize(url) == "http://example.com/a/c?a=1&b=2")
    }

    @Test("what names another page stays apart; what is no http(s) URL is left as it is")
    func distinct() {
        #expect(URLNormalizer.normalize("https://example.com:8443/x") == "https://example.com:8443/x")
        #expect(URLNormalizer.normalize("https://example.com:443") == "https://example.com/")
        #expect(URLNormalizer.normalize("https://example.com/A") != URLNormalizer.normalize("https://example.com/a"), "paths keep their case")
        #expect(URLNormalizer.normalize("https://example.com/a?id=1") != URLNormalizer.normalize("https://example.com/a?id=2"))
        #expect(URLNormalizer.normalize("https://example.com/a?b=2&b=1") == "https://example.com/a?b=2&b=1", "repeated names keep their order")
        #expect(URLNormalizer.normalize("https://example.com/a/b/..") == "https://example.com/a/")
        #expect(URLNormalizer.normalize("https://example.com/../a") == "https://example.com/a")
        #expect(URLNormalizer.normalize("file:///etc/passwd") == "file:///etc/passwd")
        #expect(URLNormalizer.normalize("not a url") == "not a url")
        #expect(URLNormalizer.normalize("http://") == "http://")
    }
}
