import Testing
@testable import PresslineExtract

@Suite("Quotation marks")
struct QuotationScannerTests {
    func quoted(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return QuotationScanner.spans(scalars).map { String(String.UnicodeScalarView(scalars[$0.inner])) }
    }

    @Test("curly, straight and NYT-style double apostrophes")
    func styles() {
        #expect(quoted("“We will win,” she said. \"Maybe not,\" he said. ''It is over,'' they said.") == ["We will win,", "Maybe not,", "It is over,"])
    }

    @Test("mixed marks close each other (a common slip), except a quotation nested inside")
    func mixedMarks() {
        #expect(quoted("\"But Pete Wilson won,” Axelrod said. “It is too late now,\" she said.") == ["But Pete Wilson won,", "It is too late now,"])
        #expect(quoted("“He told me \"no\" twice,” she said. \"They said “never” again,\" he said.")
                == ["He told me \"no\" twice,", "They said “never” again,"])
    }

    @Test("single quotes need a clear opening and closing; apostrophes are not marks")
    func singles() {
        #expect(quoted("He called it ‘a new start’ and didn’t stop.") == ["a new start"])
        #expect(quoted("The ’90s were the players’ decade.").isEmpty)
    }

    @Test("a quote of several paragraphs runs to each paragraph's end; an unclosed mark otherwise goes nowhere")
    func paragraphs() {
        #expect(quoted("\"First part of the statement.\n\n\"Second part,\" he said.") == ["First part of the statement.", "Second part,"])
        #expect(quoted("An unclosed \"mark here.\n\nNext paragraph.").isEmpty)
    }
}
