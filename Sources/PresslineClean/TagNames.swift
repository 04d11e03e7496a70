/// The HTML element names, numbered for ``Node/name``; others (custom elements) are read each time.
enum TagNames {
    static let all = [
        "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "blockquote", "body", "br",
        "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del",
        "details", "dfn", "dialog", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer",
        "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i",
        "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main", "map", "mark", "menu", "meta",
        "meter", "nav", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture", "pre",
        "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "search", "section", "select", "slot", "small",
        "source", "span", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template",
        "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "u", "ul", "var", "video", "wbr",
    ]
    static let number = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) })
}

/// A set of HTML tag names, asked by element: an array indexed by ``TagNames`` number. Pruning and paragraph
/// finding ask every element of a page several such sets, and a `Set<String>` would hash its name for each
/// question (docs/BENCHMARKS.md, "Page types", has the measurement).
///
/// ```swift
/// let headings: TagSet = ["h2", "h3"]
/// if headings.contains(node) { … }
/// ```
struct TagSet: ExpressibleByArrayLiteral, Sendable {
    private let members: [Bool]

    /// Every name must be one of ``TagNames/all``: a custom element is never a member.
    init(arrayLiteral names: String...) {
        precondition(names.allSatisfy { TagNames.number[$0] != nil }, "TagSet: not an HTML element name in \(names)")
        members = TagNames.all.map(names.contains)
    }

    /// Whether `node` is an element named in the set.
    func contains(_ node: Node) -> Bool { node.tagNumber.map { members[$0] } ?? false }
}
