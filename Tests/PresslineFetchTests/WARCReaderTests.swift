import Foundation
import Testing
@testable import PresslineFetch
import PresslineTesting

@Suite("WARC reading")
struct WARCReaderTests {
    func read(_ bytes: [UInt8]) throws -> (pages: [WARCReader.Page], counts: WARCReader.Counts) {
        let path = TemporaryFolder.path("warc", file: "crawl.warc")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try WARCReader(path: path)
        var pages: [WARCReader.Page] = []
        while let page = reader.nextPage() { pages.append(page) }
        return (pages, reader.counts)
    }

    let expected = WARCReader.Counts(pages: 3, notHTML: 2, revisits: 1, truncated: 1, malformed: 1, otherRecords: 2)

    @Test("plain WARC: the pages with their URLs (chunked and gzip undone); each other record skipped and counted")
    func plain() throws {
        let (pages, counts) = try read(try WARCFixture.records(pages: WARCFixture.pages).flatMap { $0 })
        #expect(pages.map(\.url) == WARCFixture.pages.map(\.url))
        #expect(pages.map(\.html) == WARCFixture.pages.map(\.html))
        #expect(pages.first?.date == "2026-12-01T10:00:00Z" && pages.first?.fetchedAt == 1_796_119_200)
        #expect(counts == expected, "\(counts)")
    }

    @Test(".warc.gz, one gzip member per record: the same pages and counts")
    func gzip() throws {
        let members = try WARCFixture.records(pages: WARCFixture.pages).map { Array(try SystemGzip.compress(Data($0))) }
        let (pages, counts) = try read(members.flatMap { $0 })
        #expect(pages.map(\.url) == WARCFixture.pages.map(\.url) && counts == expected, "\(counts) \(pages.map(\.url))")
    }

    @Test("a file cut inside a record: the pages before it, the cut record counted as malformed")
    func cut() throws {
        let bytes = try WARCFixture.records(pages: WARCFixture.pages).flatMap { $0 }
        let (pages, counts) = try read(Array(bytes.dropLast(30)))
        #expect(pages.count == 2 && counts.malformed == 2, "\(counts)")
    }
}
