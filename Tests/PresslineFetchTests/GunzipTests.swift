import Foundation
import Testing
@testable import PresslineFetch
import PresslineTesting

@Suite("gzip")
struct GunzipTests {
    @Test("one member, several members (a .warc.gz), and the bytes come back")
    func members() throws {
        let one = Data("<urlset>first</urlset>".utf8), two = Data(String(repeating: "second ", count: 20_000).utf8)
        #expect(try Gunzip.inflate(try SystemGzip.compress(one), limit: 1 << 20) == one)
        #expect(try Gunzip.inflate(try SystemGzip.compress(one) + SystemGzip.compress(two), limit: 1 << 20) == one + two)
        #expect(Gunzip.isGzip(try SystemGzip.compress(one)) && !Gunzip.isGzip(one))
    }

    @Test("a bomb stops at the limit; cut-short and damaged data are errors, not crashes")
    func hostile() throws {
        let bomb = try SystemGzip.compress(Data(count: 20 << 20))
        #expect(bomb.count < 100_000)
        #expect { try Gunzip.inflate(bomb, limit: 1 << 20) } throws: { "\($0)".contains("past 1048576 bytes") }
        let good = try SystemGzip.compress(Data(String(repeating: "sitemap ", count: 5_000).utf8))
        #expect { try Gunzip.inflate(good.prefix(good.count / 2), limit: 1 << 20) } throws: { "\($0)".contains("cut short") }
        var damaged = good
        damaged[20] ^= 0xFF
        #expect(throws: Gunzip.Failure.self) { try Gunzip.inflate(damaged, limit: 1 << 20) }
        #expect(throws: Gunzip.Failure.self) { try Gunzip.inflate(Data("plain".utf8), limit: 1 << 20) }
    }

    @Test("a gzip sitemap (.xml.gz) reads as the same sitemap")
    func sitemap() throws {
        let xml = Data(#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example.org/a</loc></url></urlset>"#.utf8)
        #expect(try Sitemap(try SystemGzip.compress(xml)) == Sitemap(xml))
        #expect { try Sitemap(try SystemGzip.compress(Data(count: 60 << 20))) } throws: { "\($0)".contains("gzip sitemap") }
    }
}
