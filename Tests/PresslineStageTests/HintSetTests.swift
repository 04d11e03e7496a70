import Testing
@testable import PresslineClean

@Suite("Class and phrase hints")
struct HintSetTests {
    @Test("a fragment is found anywhere, at the very end too, ignoring ASCII case; near misses are not")
    func fragments() {
        let hints = HintSet(["comment", "ad-slot", " by "])
        #expect(hints.matches("article-comments"))
        #expect(hints.matches("COMMENT"))
        #expect(hints.matches("x ad-slot"))
        #expect(hints.matches("Posted By Ann"))
        #expect(!hints.matches("commen"))
        #expect(!hints.matches("ad-slo"))
        #expect(!hints.matches("byline"))
        #expect(!hints.matches(""))
    }

    @Test("a one-byte fragment matches wherever its byte is, the last position included")
    func singleBytes() {
        let hints = HintSet(["x", "menu"])
        #expect(hints.matches("abx"))
        #expect(hints.matches("x"))
        #expect(hints.matches("a menu"))
        #expect(!hints.matches("abc"))
    }
}
