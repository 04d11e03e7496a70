import Foundation
import Testing
@testable import PresslineCore
@testable import PresslineExtract

@Suite("Entity tagger")
struct EntityTaggerTests {
    typealias Tag = EntityTagger.Tag

    func sentence(_ pairs: [(String, Tag)], dates: Bool = true) -> EntityTaggerTrainer.Sentence {
        .init(tokens: pairs.map(\.0), tags: pairs.map(\.1), datesAnnotated: dates)
    }

    @Test("training on a few sentences learns them, and the same seed gives the same model")
    func learnsAndIsDeterministic() {
        let data = [
            sentence([("Ana", .beginPerson), ("Ruiz", .insidePerson), ("visited", .outside), ("Oslo", .beginLoc), (".", .outside)]),
            sentence([("The", .outside), ("Harbor", .beginOrg), ("Authority", .insideOrg), ("met", .outside), ("on", .outside), ("May", .beginDate), ("2", .insideDate)]),
            sentence([("Tomas", .beginPerson), ("Berg", .insidePerson), ("left", .outside), ("Lagos", .beginLoc)]),
        ]
        var first = EntityTaggerTrainer(buckets: 1 << 12), second = EntityTaggerTrainer(buckets: 1 << 12)
        let a = first.train(data, epochs: 8, seed: 7) { _, _, _ in }, b = second.train(data, epochs: 8, seed: 7) { _, _, _ in }
        #expect(a.weights == b.weights)
        for item in data { #expect(a.tag(item.tokens, hints: EntityTagger.hints(for: item.tokens)) == item.tags) }
    }

    @Test("an O on a date in a corpus without dates is not held against DATE")
    func unannotatedDates() {
        let dated = sentence([("on", .outside), ("May", .beginDate), ("2", .insideDate)])
        let undated = sentence([("on", .outside), ("May", .outside), ("2", .outside)], dates: false)
        var trainer = EntityTaggerTrainer(buckets: 1 << 12)
        let tagger = trainer.train([dated, undated, dated, undated], epochs: 5, seed: 1) { _, _, _ in }
        #expect(tagger.tag(["on", "May", "2"], hints: [.outside, .outside, .outside]) == [.outside, .beginDate, .insideDate])
    }

    @Test("an I- tag never follows O or another type")
    func validSequences() {
        #expect(!Tag.insidePerson.mayFollow(.outside))
        #expect(!Tag.insideOrg.mayFollow(.beginPerson))
        #expect(Tag.insideOrg.mayFollow(.beginOrg) && Tag.beginLoc.mayFollow(.insidePerson))
        var scores = [Float](repeating: 0, count: Tag.allCases.count)
        scores[Tag.insidePerson.rawValue] = 5
        #expect(EntityTagger.best(scores, after: .outside) != .insidePerson)
    }

    @Test("a model survives writing and reading (16-bit weights); a damaged file is refused")
    func serialization() throws {
        let weights = (0..<(64 * Tag.allCases.count)).map { Float($0 % 7) - 3.25 }
        let model = EntityTagger(weights: weights, buckets: 64)
        let back = try EntityTagger(serialized: model.serialized())
        #expect(zip(back.weights, weights).allSatisfy { abs($0 - $1) < 0.001 })
        #expect(throws: EntityTagger.ModelError.self) { try EntityTagger(serialized: Data("PNER1xx".utf8)) }
        #expect(throws: EntityTagger.ModelError.self) { try EntityTagger(serialized: model.serialized().dropLast(2)) }
    }

    @Test("the shipped model loads")
    func shipped() throws {
        _ = try EntityTagger.shipped.get()
    }

    @Test("the curated lists outrank the tagger's type; an initial is not a person")
    func curatedTypes() {
        var record = ArticleRecord(id: "t", text: "The White House and the EU answered, the company posted on X. Mira Okafor agreed.")
        try! ExtractStage().extract(into: &record)
        #expect(record.organizations.map(\.name).contains("White House"))
        #expect(record.organizations.map(\.name).contains("EU"))
        #expect(!record.people.contains { $0.name.hasPrefix("X") })
    }

    @Test("a surname the tagger passed over is still the person named in full")
    func surnameWhereTaggerSawNothing() {
        var record = ArticleRecord(id: "t", text: "Jonas Weller opened the session. Weller's plan passed, and Weller later thanked the council.")
        try! ExtractStage().extract(into: &record)
        #expect(record.people.first { $0.name == "Jonas Weller" }?.mentions == 3)
    }

    @Test("one name, one type: the type most of its mentions got; ties go to place, then organisation")
    func majorityType() {
        func mention(_ name: String, _ type: EntityType, at start: Int) -> Mention {
            Mention(text: name, start: start, end: start + name.count, type: type, entity: name)
        }
        let voted = EntityRecognizer.consistentTypes([
            mention("Costa Rica", .org, at: 0), mention("Costa Rica", .loc, at: 20), mention("Costa Rica", .loc, at: 40),
            mention("Jordan", .person, at: 60), mention("Jordan", .person, at: 70), mention("Jordan", .loc, at: 80),
            mention("Acme", .org, at: 90), mention("Acme", .person, at: 100),
        ])
        #expect(voted.filter { $0.entity == "Costa Rica" }.allSatisfy { $0.type == .loc })
        #expect(voted.filter { $0.entity == "Jordan" }.allSatisfy { $0.type == .person }, "a place mention once does not outvote a person")
        #expect(voted.filter { $0.entity == "Acme" }.allSatisfy { $0.type == .org })
    }

    @Test("a lone demonym, a unit or an everyday abbreviation is not an entity")
    func notEntities() {
        var record = ArticleRecord(id: "t", text: "Venezuelan officials said GDP grew while AI and TV firms in Caracas hired. The Venezuelan minister Ana Ruiz agreed.")
        try! ExtractStage().extract(into: &record)
        let names = record.mentions.filter { $0.type != .date }.map(\.text)
        for word in ["Venezuelan", "GDP", "AI", "TV"] { #expect(!names.contains(word), "\(word) taken for an entity: \(names)") }
        var money = ArticleRecord(id: "t", text: "Parliament approved US$ 995 million for the Harbor Valley Province, the University said.")
        try! ExtractStage().extract(into: &money)
        let moneyNames = money.mentions.filter { $0.type != .date }.map(\.text)
        for word in ["US", "Parliament", "University"] { #expect(!moneyNames.contains(word), "\(word) taken for an entity: \(moneyNames)") }
        #expect(record.places.map(\.name).contains("Caracas"))
    }

    @Test("a name ending in an institution's word is an organisation, whatever the tagger guessed")
    func institutions() {
        var record = ArticleRecord(id: "t", text: "Officials at the Harbor Valley Ministry said the Lakeside Port Authority would reopen the bridge in Oslo.")
        try! ExtractStage().extract(into: &record)
        let organizations = record.organizations.map(\.name)
        #expect(organizations.contains("Harbor Valley Ministry") && organizations.contains("Lakeside Port Authority"), "\(organizations)")
        #expect(!organizations.contains("Oslo"))
    }

    @Test("a name cut at 'of' continues through the capitalised words after it; a dangling 'of' goes")
    func acrossOf() {
        let tokens = ["The", "Real", "Estate", "Council", "of", "Ontario", "met", "Board", "of", "the", "port"].enumerated().map { index, text in
            Token(text: text, start: index * 10, end: index * 10 + text.count)
        }
        let joined = EntityRecognizer.joinedAcrossOf([(1..<5, .org), (5..<6, .loc), (7..<9, .org)], tokens: tokens)
        #expect(joined.map(\.range) == [1..<6, 7..<8])
        #expect(joined.map(\.type) == [.org, .org])
    }

    @Test("a place tagged together with a title and a name splits into the place and the person")
    func placeTitlePerson() {
        let tokens = Tokenizer.tokenize(Array("Clark County Sheriff Joe Lombardo spoke".unicodeScalars))
        let split = EntityRecognizer.splitAtTitle((0..<5, .loc), tokens: tokens)
        #expect(split.map(\.range) == [0..<2, 3..<5] && split.map(\.type) == [.loc, .person])
        // Without a name after the title, or for a person's span, nothing changes.
        #expect(EntityRecognizer.splitAtTitle((0..<3, .loc), tokens: tokens).count == 1)
        #expect(EntityRecognizer.splitAtTitle((0..<5, .person), tokens: tokens).count == 1)
        // An organisation's words before the title that name no body ("Senate Majority") are dropped, not kept as one.
        let senate = Tokenizer.tokenize(Array("Senate Majority Leader Tom Baker said".unicodeScalars))
        #expect(EntityRecognizer.splitAtTitle((0..<5, .org), tokens: senate).map(\.type) == [.person])
    }

}

@Suite("Word feature cache")
struct WordFeatureCacheTests {
    func same(_ a: TaggerFeatures.Word, _ b: TaggerFeatures.Word) -> Bool {
        (a.lower, a.cased, a.shape, a.prefix2) == (b.lower, b.cased, b.shape, b.prefix2)
            && (a.suffix2, a.suffix3, a.flags, a.hint) == (b.suffix2, b.suffix3, b.flags, b.hint)
    }

    @Test("a cached word has the features computed afresh, before and after the cache empties itself")
    func cached() {
        let cache = WordFeatureCache(capacity: 3)
        let words = ["Rutte", "NATO", "said", "Zürich", "2025", "Rutte", "e-mail", "NATO"]
        for _ in 0..<2 {
            for text in words {
                #expect(same(cache.features(of: text), TaggerFeatures.Word(text, hint: .outside)), "\(text)")
            }
        }
    }
}
