import Foundation
import Testing
@testable import PresslineCore
@testable import PresslineExtract

/// Attribution rules added after the first round (`ExtractStageTests` holds the first), each with sentences
/// written for it, including where it must not fire.
@Suite("Quote attribution")
struct QuoteAttributionTests {
    func quote(_ text: String, _ prefix: String) -> Quote? {
        var record = ArticleRecord(id: "t", text: text)
        try! ExtractStage().extract(into: &record)
        return record.quotes.first { $0.text.hasPrefix(prefix) }
    }

    @Test("a fragment is a quotation of fewer than three words, however they are spaced")
    func fragments() {
        #expect(QuoteFinder.isFragment("unfortunate."))
        #expect(QuoteFinder.isFragment("  top \n secret  "))
        #expect(QuoteFinder.isFragment(""))
        #expect(!QuoteFinder.isFragment("we will win"))
        #expect(!QuoteFinder.isFragment("cafe\u{301} au\tlait"))
    }

    @Test("a party label's period, a dotted abbreviation and a title between comma and name keep the attribution")
    func labelsAndTitles() {
        #expect(quote("The pair met.\n\"There is energy in a whole host of races,\" Rep. Tom Baker (D-Ore.) said.", "There is")?.speaker == "Tom Baker")
        #expect(quote("Tom Baker, a veteran D.C. lobbyist close to the campaign, says the main goal of the effort is \"to win the state outright,\" and he means it.",
                      "to win")?.speaker == "Tom Baker")
        #expect(quote("His backing will carry \"a great deal of weight\" in the primaries, council spokesman Tom Baker said.", "a great deal")?.speaker
                == "Tom Baker")
    }

    @Test("a name with an apposition after the quote: after a question, untagged, or in a possessive nominal")
    func appositions() {
        #expect(quote("Tom Baker waited.\n\"Are you with us today?\" Ana Ruiz, a retired teacher from the valley, asked the caller.", "Are you")?.speaker
                == "Ana Ruiz")
        #expect(quote("\"Get your house ready for a party,\" Paris, who used to work on the hill, said about the work.", "Get your")?.speaker == "Paris")
        let wife = quote("\"We need him because life is very hard here,\" his wife, Ana Ruiz, wrote in a letter to the court.", "We need")
        #expect(wife?.speaker == "Ana Ruiz")
        // Without a name in it, the nominal itself speaks.
        #expect(quote("\"We need him because life is very hard here,\" his wife wrote in a letter to the court.", "We need")?.speaker == "his wife")
    }

    @Test("\"according to\" right after a quote credits its source; opening the next sentence it does not")
    func accordingToSource() {
        let poll = quote("Tom Baker spoke first. Most voters doubt the plan \"will ever cut their bills,\" according to a Quinnipiac poll conducted in May.", "will ever")
        #expect(poll?.speaker == "a Quinnipiac poll conducted in May")
        #expect(quote("Tom Baker spoke first. \"The probe will end within weeks,\" according to CNN.", "The probe")?.speaker == "CNN")
        let next = quote("\"We are paying ransom to the largest sponsor of terror,\" Tom Baker said. \"It has to stop now.\"\n\nAccording to Ana Ruiz, the deal was fair.", "It has")
        #expect(next?.speaker == "Tom Baker")
    }

    @Test("a dateline is a place, not a speaker; the day may stand between subject and verb")
    func datelineAndDay() {
        let text = "WASHINGTON — Sen. Tom Baker (R-Iowa) on Wednesday downplayed the attack and said it was the same as calling herself \"a wise Latina woman.\""
        #expect(quote(text, "a wise")?.speaker == "Tom Baker")
        var record = ArticleRecord(id: "t", text: text)
        try! ExtractStage().extract(into: &record)
        #expect(!record.people.contains { $0.name == "WASHINGTON" })
    }

    @Test("a name right after a verb is its object or the subject of what was reported, not the speaker")
    func objectsAreNotSpeakers() {
        #expect(quote("Ana Ruiz, the union's lawyer, endorsed Tom Baker last week, saying he \"has shown his commitment to the workers.\"", "has shown")?
            .speaker == "Ana Ruiz")
        #expect(quote("Ana Ruiz, also campaigning in Ohio, said Tom Baker is responsible and accused him of \"inciting violent behavior at rallies.\"",
                      "inciting")?.speaker == "Ana Ruiz")
    }

    @Test("after a quote, a title of any shape and then the name right before the cue verb")
    func titledSubjectsAfterQuote() {
        #expect(quote("The mayor spoke.\n\n\"I have never been prouder of working for you,\" former State policy planning director Ana Ruiz wrote to the mayor.",
                      "I have never")?.speaker == "Ana Ruiz")
        #expect(quote("The mayor spoke.\n\n“They care about two things and nothing else,” Fight for $15 organizing director Tom Baker told Fox News in Milwaukee.",
                      "They care")?.speaker == "Tom Baker")
        #expect(quote("The mayor spoke.\n\n“He voted twice to protect the dealers,” New York City Public Advocate Ana Ruiz said.", "He voted")?.speaker == "Ana Ruiz")
    }

    @Test("after a quote, the name may stand before a party label or an apposition; an attribution may stand as its own sentence")
    func labelsAppositionsAndShortSentences() {
        #expect(quote("The bill passed.\n\n\"We are tying their hands with this,\" state Sen. Tom Baker (D) said about halfway through.", "We are tying")?
            .speaker == "Tom Baker")
        #expect(quote("The hall emptied.\n\n“We have had better conventions than this one,” Texas delegate Tom Baker, wearing a cowboy hat, said quietly.",
                      "We have had")?.speaker == "Tom Baker")
        #expect(quote("Ana Ruiz spoke first.\n\n“Russia, if you are listening, I hope you find the missing emails.” Tom Baker said.", "Russia")?
            .speaker == "Tom Baker")
        #expect(quote("Ana Ruiz spoke first.\n\n“Look, she needed to split the first two primaries,” added a South Carolina Democrat.", "Look")?
            .speaker == "a South Carolina Democrat")
    }

    @Test("verbs that attribute only with their particle: shot back, fired back, put it")
    func phrasalCues() {
        #expect(quote("When Tom Baker criticized the plan during a debate, Ana Ruiz shot back, “I chose to fulfil my profession instead.”", "I chose")?
            .speaker == "Ana Ruiz")
    }

    @Test("'as X put it' attributes like a speech verb; a time is no nominal speaker")
    func idiomsAndTimes() {
        #expect(quote("It was argued.\n\nAs Ana Ruiz, professor of law at the state college, put it, \"the senators should remember the compromise.\"",
                      "the senators")?.speaker == "Ana Ruiz")
        #expect(quote("The board changed course.\n\nBut a few days later, the board reversed itself, telling CBS that the rules \"are set and will stay.\"",
                      "are set")?.speaker != "a few days later")
    }

    @Test("a name inside another quotation never speaks the next one")
    func namesInsideQuotes() {
        let text = "\"To those who support Mr. Trump, I understand disagreeing with him,\" said Sen. Ana Ruiz, R-S.C. \"I get that. But this is really dishonoring that support.\""
        #expect(quote(text, "I get that")?.speaker == "Ana Ruiz")
    }

    @Test("a short line of a title and a name labels the quote after its colon; a name after a preposition does not")
    func titledLabels() {
        #expect(quote("Who told you that?\"\n\nFormer secretary of state Ana Ruiz:\"We learned that from the department and its analysis.\"", "We learned")?
            .speaker == "Ana Ruiz")
        #expect(quote("In response, Tom Baker wrote to Ana Ruiz: \"Only a fool would send such a letter.\"", "Only a fool")?.speaker != "Ana Ruiz")
    }

    @Test("the words after a cue verb before a quote are its object unless a comma sets them off")
    func invertedNeedsComma() {
        #expect(quote("Obama has called the ensuing chaos \"a lesson I had to learn\" about new democracies.", "a lesson")?.speaker != "the ensuing chaos")
        #expect(quote("Late on Monday, said the minister, \"the talks will go on until a deal is done.\"", "the talks")?.speaker == "the minister")
    }

    @Test("untagged names: two capitalised words and an apposition before a cue verb; a capitalised cue verb opening the sentence")
    func untaggedNames() {
        let text = "April Mellody, a spokeswoman for the council, said in a statement that the team would work ''to ensure the safety of all of our delegates.''"
        #expect(quote(text, "to ensure")?.speaker == "April Mellody")
        #expect(quote("The vote was close. Said Tom Baker, \"The thought that we lost is very painful to us.\"", "The thought")?.speaker == "Tom Baker")
    }

    @Test("a headline quoting someone opens with who it quotes")
    func headlines() {
        let text = "Ana Ruiz Says The Council ‘Must Act Before The Flood Comes.’\n\nThe mayor met residents on Monday to discuss the river."
        #expect(quote(text, "Must Act")?.speaker == "Ana Ruiz")
    }

    @Test("a quote standing alone continues the subject of the previous sentence's cue verb, not its first name")
    func previousCueSubject() {
        let text = "Also, Tom Baker is no conservative at all, Ana Ruiz said. \"He is a liberal through and through!\""
        #expect(quote(text, "He is a liberal")?.speaker == "Ana Ruiz")
    }

    @Test("a statement closing with a period inside the quote ends the sentence: the next one's pronoun is not its speaker")
    func statementEndsSentence() {
        let text = "Ana Ruiz says Tom Baker \"has a record of bringing people together.\" He warns that the vote will be close."
        #expect(quote(text, "has a record")?.speaker == "Ana Ruiz")
        // A question keeps the attribution that follows it.
        #expect(quote("\"Why would anyone believe that now?\" Tom Baker asked.", "Why would")?.speaker == "Tom Baker")
    }

    @Test("a quote paragraph running on from a quote the previous sentence held keeps its speaker")
    func runOnParagraph() {
        let text = "“The council has done an awful job this year,” Ana Ruiz said. “They chased headlines all along.”\n\n“And it is sad that the city paid for it.”"
        #expect(quote(text, "And it is sad")?.speaker == "Ana Ruiz")
    }

    @Test("pronouns after a quote: 'she went on' after speech; 'it added' stands for the organisation last named")
    func pronounsAfter() {
        let went = quote(#"Ana Ruiz spoke at noon. "It would end the plans we know, every one of them," she went on."#, "It would end")
        #expect(went?.speaker == "Ana Ruiz" && went?.speakerStart != nil)
        let text = #"The European Commission issued a statement on Monday. "We are not part of the sale," it added."#
        let added = quote(text, "We are not")
        #expect(added?.speaker == "European Commission")
        #expect(added?.speakerStart.map { Array(text.unicodeScalars)[$0] } == "i")
        // Before a verb that is not speech, "it" is not the source (the previous sentence's subject may be).
        let seems = #"The European Commission met. "The sale is off," it seems to the board."#
        #expect(quote(seems, "The sale")?.speakerStart.map { Array(seems.unicodeScalars)[$0] } != "i")
    }

    @Test("names inside a subject's apposition do not take the quote from it")
    func appositionNames() {
        let text = #"Ana Ruiz, who called Tom Baker shortly after the vote was counted, told her supporters, "I still love this town, and I always will.""#
        #expect(quote(text, "I still love")?.speaker == "Ana Ruiz")
    }

    @Test("a statement closing inside NYT-style marks ends its sentence too")
    func doubleApostrophes() {
        let text = "''Our jobs are leaving the state,'' Ana Ruiz said. ''That is the big problem of this election.'' He said, twice, that he would go back to work."
        #expect(quote(text, "That is the big")?.speaker == "Ana Ruiz")
    }

    @Test("a quotation signed by a dash and a name closing the line is that person's; a dash mid-sentence signs nothing")
    func signatures() {
        let text = "“He is ignorant of our lives and our culture.” ― Ana Ruiz\n“Maybe we can build a wall around the whole campaign.” ― Tom Baker.\n"
        #expect(quote(text, "He is ignorant")?.speaker == "Ana Ruiz")
        #expect(quote(text, "Maybe we can")?.speaker == "Tom Baker")
        let prose = "The crowd waited. “We will rebuild the harbor this year” — Tom Baker’s old slogan — hung over the stage.\n"
        #expect(quote(prose, "We will rebuild")?.speaker != "Tom Baker")
    }

    @Test("a possessive subject, a nominal with its affiliation, an untagged name before an auxiliary, a party label before a comma")
    func subjectShapes() {
        #expect(quote(#"In reply, Mrs. Ruiz's campaign said in a statement that "Ana Ruiz won't be bullied by anyone.""#, "Ana Ruiz won't")?.speaker
                == "Mrs. Ruiz 's campaign")
        #expect(quote(#"A spokesman for Platte River declined to comment but said that "we kept every precaution in place.""#, "we kept")?.speaker
                == "A spokesman for Platte River")
        #expect(quote(#"Okonjo has called the ensuing chaos "a lesson I had to learn" about new democracies."#, "a lesson")?.speaker == "Okonjo")
        #expect(quote(#""Let me make it perfectly clear," Senate Majority Leader Tom Baker, R-Ky., said. "We condemn his views.""#, "Let me")?.speaker?
                .hasSuffix("Tom Baker") == true)
    }

    @Test("a long apposition and a long clause between the speaker and the quote")
    func longReach() {
        let text = #"Tom Baker, co-founder of the Harbor Institute and advocate of a large public effort to cultivate new technologies, welcomed "the recognition that we do not have all the tools we need.""#
        #expect(quote(text, "the recognition")?.speaker == "Tom Baker")
    }

    @Test("a nominal's apposition, a clause after a conjunction, a reported clause's subject")
    func clauses() {
        #expect(quote(#"An Israeli official, speaking on the condition of anonymity, said Wednesday that Tom Baker "will meet with any candidate at all.""#,
                      "will meet")?.speaker == "An Israeli official")
        #expect(quote(#"A Ruiz adviser, who spoke on the condition of anonymity, said of the senator, "She takes the threat very seriously.""#,
                      "She takes")?.speaker == "A Ruiz adviser")
        #expect(quote(#"Mr. Baker, however, said he was ''the perfect messenger for the whole town,'' and he repeated his claim."#, "the perfect")?.speaker
                == "Baker")
        #expect(quote(#"Tom Baker assured the residents that Ana Ruiz was ''made of the same stuff as they are.''"#, "made of")?.speaker == "Tom Baker")
    }

    @Test("a name inside a reported clause after the quote is not its speaker; a pronoun never ends a nominal")
    func reportedClauseAfter() {
        #expect(quote(#""He can assert it, but it seems extremely unlikely" that Baker can catch Ruiz, said Tom Elmer, a strategist."#, "He can assert")?.speaker
                != "Ruiz")
        #expect(quote(#"The move, Tom Baker explained, was the result of years of work — an investment he concludes has been a “head start on everyone else.”"#,
                      "head start")?.speaker != "an investment he")
    }

    @Test("a subordinate clause's nominal subject, an affiliation after 'inside', a possessive title before the name")
    func moreShapes() {
        #expect(quote(#"Tom Baker took on Ana Ruiz after the Democratic front-runner had said that he was ''becoming a recruiter for them.''"#,
                      "becoming")?.speaker == "the Democratic front-runner")
        #expect(quote(#"One operative inside Harbor Tower tried to downplay the remarks, saying they were "not a big deal around here.""#, "not a big")?.speaker
                == "One operative inside Harbor Tower")
        #expect(quote(#""Go on, go on, we are with you," Italy's Northern League leader Tom Baker wrote on Facebook."#, "Go on")?.speaker?.hasSuffix("Tom Baker")
                == true)
    }

    @Test("more cue verbs: reacted, pressed")
    func moreCueVerbs() {
        #expect(quote(#"The crowd waited. "What sport is he talking about, and who?" reacted Tom Baker."#, "What sport")?.speaker == "Tom Baker")
        #expect(quote(#"The host leaned in. "Would it be negotiable for the council?" Ana Ruiz pressed."#, "Would it be")?.speaker == "Ana Ruiz")
    }

    @Test("one untagged word before an apposition and a cue verb; a nominal ending in the name it describes")
    func oneWordAndDescribedNames() {
        #expect(quote(#"Gilmer waited. Okafor, speaking to the voters, said, "Last time I looked, you had not started voting yet.""#, "Last time")?.speaker
                == "Okafor")
        #expect(quote(#"Still, the mayor, a Democrat, said the plan would "never pass the council this year.""#, "never pass")?.speaker != "Still")
        let text = #""He asked me to his house today to talk about changes" the Post's senior politics editor Tom Baker responded."#
        #expect(quote(text, "He asked me")?.speaker == "Tom Baker")
    }

    @Test("an irregular past ends a subject phrase like a verb in -ed")
    func irregularPasts() {
        let text = #"Shortly after the call ended, Ana Ruiz's campaign sent out a release saying Baker owes "an explanation to the whole state.""#
        #expect(quote(text, "an explanation")?.speaker == "Ana Ruiz 's campaign")
    }

    @Test("'according to' an outlet names the medium; the speaker stays the one who spoke")
    func accordingTo() {
        let found = quote("\"We will keep going until the end,\" Ana Ruiz said, according to CNN.", "We will")
        #expect(found?.speaker == "Ana Ruiz")
        #expect(found?.medium == "CNN")
    }
}
