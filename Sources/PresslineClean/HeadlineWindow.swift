/// The elements around the headline, where pages put their byline and date: a few before the `<h1>`
/// (a date above the title) and those after it, up to where the body begins.
///
/// ```swift
/// let window = HeadlineWindow(root: root)
/// for element in window.elements { … }   // document order
/// ```
struct HeadlineWindow {
    /// Elements taken before the headline and after it.
    static let before = 15
    static let after = 60
    /// The body begins at the second paragraph this long after the headline (the first may be a standfirst).
    static let minBodyParagraphChars = 150

    /// The page's main `<h1>` (``Node/mainHeading()``), found once for every reader of the window.
    let heading: Node?
    let elements: [Node]

    init(root: Node) {
        heading = root.mainHeading()
        let all = root.descendants { _ in true }
        guard let heading, let position = all.firstIndex(of: heading) else {
            elements = []
            return
        }
        var window: [Node] = []
        var longParagraphs = 0
        for index in max(0, position - Self.before)..<min(all.count, position + Self.after) {
            let element = all[index]
            if index > position && element.name == "p" && TextNormalizer.collapseSpaces(element.textContent).count >= Self.minBodyParagraphChars {
                longParagraphs += 1
                if longParagraphs == 2 { break }
            }
            window.append(element)
        }
        elements = window
    }
}
