import Foundation
import PresslineCore
import Testing
@testable import PresslineClean

/// A story's section headings stay in its body, whatever anchor ids the site's tools give them.
@Suite("Clean stage: section headings")
struct SectionHeadingTests {
    static let prose = "Shoppers now browse and buy inside the apps they already use, and brands follow them there, the survey found."

    func page(heading: String) -> String {
        "<html><body><article><h1>A guide to social shopping</h1><p>\(Self.prose)</p>\(heading)<p>\(Self.prose) Again, and at length.</p></article></body></html>"
    }

    @Test("an anchor id made of the heading's own words is no boilerplate hint, though a word of it is one ('social')")
    func anchorsOfTheirOwnWords() throws {
        #expect(try bodyText(page(heading: "<h2 id=\"h-what-is-social-shopping\">What is Social Shopping?</h2>")).contains("What is Social Shopping?"))
        #expect(try bodyText(page(heading: "<h3 id=\"why-social-shopping-works\"><strong>Why social shopping works</strong></h3>")).contains("Why social shopping works"))
    }

    @Test("an id that says what the block is for still counts: a share box's heading stays out")
    func rolesStillCount() throws {
        let text = try bodyText(page(heading: "<h2 id=\"social-share\">Share this guide</h2>"))
        #expect(!text.contains("Share this guide"), "\(text)")
    }
}
