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

    @Test("every strong boilerplate hint is a boilerplate hint (the extractor asks the wider set first)")
    func strongHintsAreBoilerplate() {
        #expect(!BodyHeuristics.strongBoilerplateHints.fragments.isEmpty)
        for fragment in BodyHeuristics.strongBoilerplateHints.fragments {
            #expect(BodyHeuristics.boilerplateHints.matches(fragment), "\(fragment)")
        }
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

@Suite("Language guess")
struct LanguageGuesserTests {
    @Test("the language with most function words; a tie goes the same way in every process")
    func guess() {
        #expect(LanguageGuesser.guess("The mayor said that the bridge is open and the council agreed.") == "en")
        #expect(LanguageGuesser.guess("Der Bürgermeister sagte, dass die Brücke mit der Stadt nicht offen ist.") == "de")
        #expect(LanguageGuesser.guess("The and of. Der die das.") == "en")
        #expect(LanguageGuesser.guess("Bridge open.") == nil)
    }
}
