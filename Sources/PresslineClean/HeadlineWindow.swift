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
        guard let heading else {
            elements = []
            return
        }
        // One walk up to where the window ends, keeping the last few elements until the headline comes.
        var window: [Node] = [], after = -1, longParagraphs = 0
        _ = root.firstElement { element in
            if after < 0 {
                window.append(element)
                if element == heading { after = 0 } else if window.count > Self.before { window.removeFirst() }
                return false
            }
            after += 1
            if after >= Self.after { return true }
            if element.name == "p" && TextNormalizer.collapseSpaces(element.textContent).count >= Self.minBodyParagraphChars {
                longParagraphs += 1
                if longParagraphs == 2 { return true }
            }
            window.append(element)
            return false
        }
        elements = window
    }
}
