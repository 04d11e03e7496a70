import Foundation
import PresslineTesting
import Testing
@testable import PresslineCore
@testable import PresslineExtract

@Suite("Extract stage")
struct ExtractStageTests {
    func extract(_ text: String, published: String? = nil) -> ArticleRecord {
        var record = ArticleRecord(id: "t", published: published, text: text)
        try! ExtractStage().extract(into: &record)
        return record
    }

    @Test("a title before a name is a role, never a person")
    func roles() {
        let record = extract("EU foreign policy chief Kaja Kallas met President Alar Karis in Tallinn. Kallas said the talks went well.")
        let kallas = record.people.first { $0.name == "Kaja Kallas" }
        #expect(kallas?.roles.contains("EU foreign policy chief") == true)
        #expect(kallas?.mentions == 2)
        #expect(record.people.first { $0.name == "Alar Karis" }?.roles == ["President"])
        #expect(!record.people.contains { $0.name.contains("President") || $0.name.contains("Secretary") })
    }

    @Test("a surname resolves to the full name given earlier")
    func surnames() {
        let record = extract("Mark Rutte spoke first. Later, Rutte's aides said Rutte would travel.")
        #expect(record.people == [Person(name: "Mark Rutte", mentions: 3)])
        #expect(record.mentions.filter { $0.type == .person }.allSatisfy { $0.entity == "Mark Rutte" })
    }

    @Test("a body, place or full name found once is found wherever its words recur, but not inside a longer name")
    func repeatedNames() {
        let text = "LibriVox records books. Volunteers joined LibriVox Forums and LibriVox. The Andy Warhol exhibit opened; Andy Warhol smiled."
        let scalars = Array(text.unicodeScalars)
        let tokens = Tokenizer.tokenize(scalars)
        func mention(_ name: String, _ type: EntityType, from offset: Int = 0) -> Mention {
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: text.range(of: name, range: text.index(text.startIndex, offsetBy: offset)..<text.endIndex)!.lowerBound)
            return Mention(text: name, start: start, end: start + name.unicodeScalars.count, type: type, entity: name)
        }
        let found = [mention("LibriVox", .org), mention("Andy Warhol", .person, from: 90)]
        var taken = Set<Int>()
        for known in found { taken.formUnion(known.start..<known.end) }
        let repeated = EntityRecognizer.repeatedNames(of: found, tokens: tokens, taken: taken)
        // "LibriVox Forums" is a longer name of its own; the last "LibriVox" and the first "Andy Warhol" are found again.
        #expect(repeated.map { $0.text } == ["LibriVox", "Andy Warhol"])
        #expect(repeated.map { $0.type } == [EntityType.org, .person])
        #expect(repeated.map { $0.start } == [mention("LibriVox", .org, from: 60).start, mention("Andy Warhol", .person).start])
    }

    @Test("a person span the tagger cut after a first name runs on through the capitalised words after it, not past a title or a line")
    func completedNames() {
        let text = "Chancellor Angela Merkel of Germany spoke. Then Ana said President Lula\nLater Tom Baker University staff"
        let scalars = Array(text.unicodeScalars)
        let tokens = Tokenizer.tokenize(scalars)
        func index(_ word: String) -> Int { tokens.firstIndex { $0.text == word }! }
        let spans: [(range: Range<Int>, type: EntityType)] = [
            (index("Angela")..<(index("Angela") + 1), .person), (index("Ana")..<(index("Ana") + 1), .person),
            (index("Lula")..<(index("Lula") + 1), .person), (index("Tom")..<(index("Tom") + 1), .person),
        ]
        let completed = EntityRecognizer.completedNames(spans, tokens: tokens, text: scalars).map { $0.range }
        #expect(completed == [index("Angela")..<(index("Merkel") + 1), index("Ana")..<(index("Ana") + 1),
                              index("Lula")..<(index("Lula") + 1), index("Tom")..<(index("Baker") + 1)])
    }

    @Test("an institution's last word names a body whatever role words it holds; events and everyday capitals are no entities")
    func bodiesAndEvents() {
        let record = extract("Salt breaks a World Health Organisation rule, the Civil Defense Authority said. Fans watched the World Cup on the Internet.")
        #expect(record.organizations.map(\.name).contains("World Health Organisation"))
        #expect(record.organizations.map(\.name).contains("Civil Defense Authority"))
        #expect(!record.mentions.contains { $0.text == "World Cup" || $0.text == "Internet" })
    }

    @Test("mention offsets are code points into the text")
    func offsets() {
        let text = "Café owners met Ana López in Madrid."
        let record = extract(text)
        let scalars = Array(text.unicodeScalars)
        for mention in record.mentions {
            #expect(String(String.UnicodeScalarView(scalars[mention.start..<mention.end])) == mention.text)
        }
        #expect(record.places.map(\.name) == ["Madrid"])
    }

    @Test("quotes: speaker after, before, by pronoun, and carried to the next sentence")
    func quotes() {
        let text = """
            "We will rebuild," Mayor Ana Ruiz said. "It will take years."
            Tom Baker said the plan was "far too slow for the people who live here."
            Baker later added more. "They need homes now," he said.
            """
        let record = extract(text)
        let speakers = record.quotes.map { $0.speaker ?? "?" }
        #expect(speakers == ["Ana Ruiz", "Ana Ruiz", "Tom Baker", "Tom Baker"])
        for quote in record.quotes {
            let scalars = Array(text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[quote.start..<quote.end])).contains(quote.text))
        }
    }

    @Test("quotes: the subject of the introducing clause, whatever its verb; a name inside another quote or after a preposition is not it")
    func clauseSubjects() {
        let text = """
            Maria Lopez met the council on Monday. Speaking to Tom Baker, she pledged "a new bridge within three years."
            Ana Ruiz, who has called the plan "a waste of public money and time," voted against it.
            Critics quoted "Tom Baker and the whole board" in their letter, and Ruiz described the vote as "a sad day for the city."
            """
        let record = extract(text)
        let byStart = { (prefix: String) in record.quotes.first { $0.text.hasPrefix(prefix) } }
        let pledged = byStart("a new bridge")
        #expect(pledged?.speaker == "Maria Lopez")
        // The pronoun keeps its own span (it is what an annotator marks); the name is resolved.
        #expect(pledged.flatMap { q in q.speakerStart.map { Array(text.unicodeScalars)[$0..<q.speakerEnd!].map(String.init).joined() } } == "she")
        #expect(byStart("a waste of public")?.speaker == "Ana Ruiz")
        #expect(byStart("a sad day")?.speaker == "Ana Ruiz")
    }

    @Test("quotes: a speaker opening the text after the quote, with an apposition or as a nominal; split quotes share it")
    func speakerAfterQuote() {
        let text = """
            "We have to come to terms with it," Trent Lott, who led the Senate for years, told lawmakers on Tuesday.
            "It is too far behind," said an Iowa Democrat, "and the gap keeps growing every week."
            "Why would anyone trust him with the floor?" said the New York businessman, who campaigned on Monday.
            "The rules are clear and they will be enforced," the former Florida governor said.
            "This is not the end of the matter," Ana Ruiz said and praised Tom Baker.
            """
        let record = extract(text)
        let speakers = record.quotes.map { $0.speaker ?? "?" }
        #expect(speakers == ["Lott", "Iowa Democrat", "Iowa Democrat", "the New York businessman", "the former Florida governor", "Ana Ruiz"])
    }

    @Test("quotes: a nominal subject at a clause's start, a label before a colon, a name after a quote that ends in ? or !")
    func nominalsLabelsQuestions() {
        let text = """
            After a long debate, the commission recognized that "the rules were never clear to anyone."
            Ana Ruiz sent out a fundraising call, asking supporters to "stand with the council this week."
            Marco Rubio: "You do not win the nomination by counting states."
            "Why would anyone believe that now?" Kessler replied. "Nobody does."
            """
        let record = extract(text)
        let byStart = { (prefix: String) in record.quotes.first { $0.text.hasPrefix(prefix) }?.speaker }
        #expect(byStart("the rules were") == "the commission")
        #expect(byStart("stand with the council") == "Ana Ruiz")  // "a fundraising call" follows a verb: an object
        #expect(byStart("You do not win") == "Marco Rubio")
        #expect(byStart("Why would anyone") == "Kessler")
    }

    @Test("quotes: an attribution set off by a comma further along, and a quote after a long apposition keeps its speaker")
    func attributionFurtherAlong() {
        let text = """
            "We are frustrated and horrified" by the shooting at the club, Ana Ruiz said on Monday.
            "It will not be easy for the council to do it," said Tom Baker, who chaired the committee for twelve years and wrote its first report on the harbor. "There is no doubt the vote will be close."
            """
        let record = extract(text)
        #expect(record.quotes.map { $0.speaker ?? "?" } == ["Ana Ruiz", "Tom Baker", "Tom Baker"])
    }

    @Test("quotes: after a quote ending in a comma, a tagged name and any verb attribute it; a name after a mid-sentence quote does not")
    func anyVerbAfterSpeech() {
        let text = """
            Tom Baker met the crowd at noon. "This is fantastic," Ana Ruiz beamed as the ribbon fell.
            Tom Baker praised his "friend and colleague of many years" Ana Ruiz ran the meeting well.
            """
        let record = extract(text)
        #expect(record.quotes.first { $0.text.hasPrefix("This is") }?.speaker == "Ana Ruiz")
        #expect(record.quotes.first { $0.text.hasPrefix("friend and") }?.speaker == "Tom Baker")
    }

    @Test("quotes: a title in prose that nobody is said to say is not a quote; a title-case quote after a label is")
    func quotedTitles() {
        let record = extract("""
            The show "Fox News Sunday Morning" returns in May with a new host and a longer panel.
            Trump: "You Do Not Win The Nomination By Counting States."
            """)
        #expect(record.quotes.map(\.text) == ["You Do Not Win The Nomination By Counting States."])
        #expect(record.quotes.first?.speaker == "Trump")
    }

    @Test("quotes: a headline's label speaks its quotes; a name's place or party label and a capitalised nominal still lead to the verb")
    func labelsAndModifiers() {
        let speaker = { (text: String, prefix: String) in extract(text).quotes.first { $0.text.hasPrefix(prefix) }?.speaker }
        #expect(speaker("Cruz: Trump Would Put Liberals On Court, \"I Fear The Same Thing Is True\" for Rubio.", "I Fear") == "Cruz")
        #expect(speaker("Update: the mayor said the bridge was \"safe for every car and every truck.\"", "safe for") == "the mayor")
        #expect(speaker("Tom Baker met the press. Ana Ruiz (D-Ohio) condemned \"such a murderous attack on innocent people\" on Monday.",
                        "such a murderous") == "Ana Ruiz")
        #expect(speaker("Sooner or later, the New Jersey governor told reporters, \"it starts to pay off for all of us.\"", "it starts") == "the New Jersey governor")
        // After a participle comes what was said, not who said it.
        #expect(speaker("Tom Baker took a heckler in stride, saying the person would \"not get beaten up at the rally.\"", "not get") == "Tom Baker")
    }

    @Test("a capitalised word right before a cue verb is a subject even where the tagger found no name; a pronoun is resolved instead")
    func untaggedSubject() {
        let subject = { (text: String) -> Mention? in
            let tokens = Tokenizer.tokenize(Array(text.unicodeScalars))
            return ClauseSubject(tokens: tokens, speakers: [], quoted: []).last(in: 0..<tokens.count)
        }
        #expect(subject("After the vote, Viguerie notes that")?.entity == "Viguerie")
        #expect(subject("After the vote, he notes that") == nil)  // no person named before "he": nothing to resolve
        #expect(subject("After the vote, the party notes that")?.entity == "the party")
    }

    @Test("quotes: a pronoun attribution set off by a comma; nominals led by one/this/some; a nominal before a long apposition")
    func moreNominals() {
        let speaker = { (text: String, prefix: String) in self.extract(text).quotes.first { $0.text.hasPrefix(prefix) } }
        let pronoun = speaker("Tom Baker spoke first. \"I held and hugged\" the grieving families before the service, he said.", "I held")
        #expect(pronoun?.speaker == "Tom Baker" && pronoun?.speakerStart != nil)
        #expect(speaker("\"I don't want to get on the wrong side of the board,\" said one former campaign staffer.", "I don't")?.speaker
                == "one former campaign staffer")
        #expect(speaker("\"The agents are under a lot of pressure,\" an intelligence source, who was not authorized to speak, told reporters.",
                        "The agents")?.speaker == "an intelligence source")
    }

    @Test("quotes: one or two quoted words are kept only as a lower-case fragment right after a cue verb")
    func shortQuotations() {
        let record = extract("""
            Rutte called the public argument "unfortunate." Fans watched "Game Night" on Sunday.
            Officials discussed "block grants" with the governors at length.
            """)
        #expect(record.fragments.map(\.text) == ["unfortunate."])
        #expect(record.quotes.isEmpty)
    }

    @Test("dates resolve against the publication date, and stay unresolved without one")
    func dates() {
        let published = extract("The vote on March 1 followed talks on Feb. 28 and a meeting on Tuesday.", published: "2025-03-01")
        #expect(published.dates.map(\.text) == ["March 1", "Feb. 28", "Tuesday"])
        #expect(published.dates.map(\.value) == ["2025-03-01", "2025-02-28", "2025-02-25"])
        let unknown = extract("The vote on March 1 was close; the next is on March 8, 2026.")
        #expect(unknown.dates.map(\.value) == [nil, "2026-03-08"])
    }

    @Test("pathological input stays bounded and deterministic", arguments: [
        String(repeating: "word ", count: 200_000), String(repeating: "ALL CAPS SHOUTING ", count: 50_000),
        String(repeating: "\"", count: 100_001), String(repeating: "Name ", count: 100_000),
    ])
    func pathological(text: String) {
        let first = extract(text)
        #expect(first == extract(text))
    }

    @Test("the seed's extract expectations hold", .enabled(if: SharedData.hasSeed, Comment(rawValue: SharedData.missingReason)))
    func seed() throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedData.seedExpectations)) as! [String: Any]
        let extractSection = expected["extract"] as! [String: Any]
        let must = extractSection["must"] as! [String: Any], should = extractSection["should"] as! [String: Any]
        // The seed as the clean stage leaves it: the body paragraphs.
        let raw = try String(contentsOf: SharedData.seedText, encoding: .utf8)
        let body = raw.split(separator: "\n").prefix(12).joined(separator: "\n\n")
        let record = extract(body, published: "2025-03-01")

        for person in must["people"] as! [[String: Any]] {
            let name = person["name"] as! String
            let found = record.people.first { $0.name == name }
            #expect(found != nil, "missing person \(name)")
            if let role = person["role"] as? String {
                #expect(found?.roles.contains { $0.caseInsensitiveCompare(role) == .orderedSame } == true, "\(name): roles \(found?.roles ?? [])")
            }
            if let least = person["mentions_at_least"] as? Int {
                #expect((found?.mentions ?? 0) >= least, "\(name): \(found?.mentions ?? 0) mentions")
            }
        }
        for org in must["organizations"] as! [String] { #expect(record.organizations.contains { $0.name == org }, "missing org \(org)") }
        for place in must["places"] as! [String] { #expect(record.places.contains { $0.name == place }, "missing place \(place)") }
        for wrong in must["not_people"] as! [String] { #expect(!record.people.contains { $0.name == wrong }, "\(wrong) taken for a person") }
        for quote in must["quotes"] as! [[String: Any]] {
            let starts = quote["starts"] as! String
            let found = record.quotes.first { $0.text.hasPrefix(starts) }
            #expect(found?.speaker == quote["speaker"] as? String, "quote '\(starts)': \(found?.speaker ?? "not found")")
        }
        for date in must["dates"] as! [[String: Any]] {
            let text = date["text"] as! String
            let value = String(format: "2025-%02d-%02d", date["month"] as! Int, date["day"] as! Int)
            #expect(record.dates.contains { $0.text == text && $0.value == value }, "date \(text)")
        }
        for extra in should["people_roles_extra"] as! [[String: Any]] {
            let found = record.people.first { $0.name == extra["name"] as! String }
            let wanted = (extra["role"] ?? extra["affiliation"]) as! String
            #expect(found?.roles.contains { $0.localizedCaseInsensitiveContains(wanted) } == true, "should: \(extra)")
        }
        for partial in should["quotes_partial"] as! [[String: Any]] {
            let found = record.fragments.first { $0.text.hasPrefix(partial["text"] as! String) }
            #expect(found?.speaker == partial["speaker"] as? String, "should: partial quote \(partial)")
        }
        for medium in should["quote_medium"] as! [[String: Any]] {
            let found = record.quotes.first { $0.text.hasPrefix(medium["starts"] as! String) }
            #expect(found?.medium == medium["medium"] as? String, "should: medium \(medium), got \(found?.medium ?? "none")")
        }
    }
}
