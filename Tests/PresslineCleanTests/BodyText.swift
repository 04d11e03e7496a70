import PresslineCore
import Testing
@testable import PresslineClean

/// The body text the clean stage reads from `html`, page types off (every page an article); "" when the page is
/// passed on without a record.
func bodyText(_ html: String) throws -> String {
    guard case .next(let document) = try CleanStage(pageTypes: nil).process(Document(input: Input(kind: .html, content: html))) else { return "" }
    return try #require(document.record?.text)
}
