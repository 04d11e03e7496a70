import Foundation
import Testing
@testable import PresslineClean
@testable import PresslineCore

/// Which paragraphs count as prose, and how tables and forms are read.
extension CleanStageTests {
    @Test("bare links, calls to action and dated bylines are furniture", arguments: [
        "https://www.example.com/news/world/article/some-story-123.php", "Advertisement", "Sign up for our morning newsletter.",
        "Get the latest updates right in your inbox.", "11/19/2019 by Lars Brandle", "Have a tip? Ann Lee may be reached at ann@example.com.",
    ])
    func furniture(paragraph: String) { #expect(ParagraphFilter.isFurniture(paragraph)) }

    @Test("prose that mentions the same words is kept", arguments: [
        "Sometimes employees don't follow the rules, he said.",
        "Customers signed up for the free weeklong trial, although it is not clear how many converted.",
        "The company said by 2021 it would sign up 10 million users, a target it met on 5/6/2021.",
        String(repeating: "A long paragraph that mentions a newsletter in passing but is plainly prose. ", count: 4),
    ])
    func prose(paragraph: String) { #expect(!ParagraphFilter.isFurniture(paragraph)) }
}

@Suite("Clean stage: tables and forms")
struct TablesAndFormsTests {
    static let prose = String(repeating: "<p>The committee heard evidence for three days before it reached its verdict on the plan.</p>", count: 4)

    @Test("a data table in the article keeps its rows")
    func dataTable() throws {
        let table = "<table><tr><td>1</td><td>Ana Ruiz</td><td>120 points</td></tr><tr><td>2</td><td>Tom Baker</td><td>98 points</td></tr></table>"
        let text = try bodyText("<html><body><article>\(Self.prose)\(table)</article></body></html>")
        #expect(text.contains("1 Ana Ruiz 120 points"))
    }

    @Test("a layout table is not read as one paragraph, and a form around the whole page is kept")
    func layoutAndForms() throws {
        let layout = "<table><tr><td><div class=\"nav\"><a href=/>Home</a></div></td><td>\(Self.prose)</td></tr></table>"
        let text = try bodyText("<html><body><form id=\"aspnetForm\">\(layout)</form><form><input name=q><p>Search our archive</p></form></body></html>")
        #expect(text.contains("committee heard evidence"))
        #expect(!text.contains("Home") && !text.contains("Search our archive"))
    }
}
