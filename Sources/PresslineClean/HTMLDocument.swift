import CLibXML2
import CParseArena
import Foundation

/// A parsed HTML page (libxml2's forgiving HTML4 parser, no network access).
///
/// ```swift
/// guard let page = HTMLDocument(html: text) else { … }
/// let title = page.root.flatMap { page.firstElement(named: "title", in: $0) }
/// ```
final class HTMLDocument {
    private let document: htmlDocPtr
    /// Where the whole tree lives: released at once with the page (`CParseArena`), with no walk to free it.
    private let arena: OpaquePointer

    /// libxml2 allocates through the arenas from the first page on.
    private static let installArenas: Void = parse_arena_install()

    /// Parses `html`, trimmed of what the clean stage never reads (``PageTrimmer``); nil when libxml2 produces
    /// no tree at all.
    convenience init?(html: String) {
        self.init(bytes: PageTrimmer.trimmed(Array(html.utf8)))
    }

    /// Parses `bytes` (UTF-8) as they are.
    init?(bytes: [UInt8]) {
        var bytes = bytes
        if bytes.isEmpty { return nil }
        Self.installArenas
        guard let arena = parse_arena_start() else { return nil }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
                            // The text is already UTF-8: a stale <meta charset> must not re-decode it.
                            | HTML_PARSE_IGNORE_ENC.rawValue)
        let parsed = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        parse_arena_stop()
        guard let parsed else {
            parse_arena_release(arena)
            return nil
        }
        document = parsed
        self.arena = arena
    }

    deinit { parse_arena_release(arena) }

    /// The `<html>` element.
    var root: Node? { xmlDocGetRootElement(document).map(Node.init) }
}

/// A borrowed pointer to a node of an ``HTMLDocument``; valid while the document lives.
struct Node: Hashable {
    let pointer: xmlNodePtr

    init(_ pointer: xmlNodePtr) { self.pointer = pointer }

    /// True for elements (not text, comments).
    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    /// True for text and CDATA.
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// Lowercase tag name ("" for non-elements); libxml2's HTML parser lowercases names as it reads them.
    ///
    /// The clean stage asks every element its name several times over, and building a String from the C name
    /// each time shows in its profile (docs/BENCHMARKS.md). A known tag's number is kept in the node's `_private` slot (libxml2
    /// leaves it to the application) on first use, and later uses read the shared String from ``TagNames``.
    var name: String {
        guard isElement else { return "" }
        if let known = pointer.pointee._private { return TagNames.all[Int(bitPattern: known) - 1] }
        guard let cName = pointer.pointee.name else { return "" }
        let name = String(cString: cName)
        if let number = TagNames.number[name] { pointer.pointee._private = UnsafeMutableRawPointer(bitPattern: number + 1) }
        return name
    }

    /// The top of the tree this node belongs to.
    var ancestorRoot: Node {
        var current = self
        while let parent = current.parent { current = parent }
        return current
    }

    /// Child nodes in order.
    var children: [Node] {
        var out: [Node] = []
        var child = pointer.pointee.children
        while let current = child {
            out.append(Node(current))
            child = current.pointee.next
        }
        return out
    }

    /// Pushes the child nodes onto `stack` last first, so that popping visits them in order.
    func pushChildren(onto stack: inout [Node]) {
        var child = pointer.pointee.last
        while let current = child {
            stack.append(Node(current))
            child = current.pointee.prev
        }
    }

    /// Calls `body` on each child node in order, following libxml2's links (no array built).
    func forEachChild(_ body: (Node) -> Void) {
        var child = pointer.pointee.children
        while let current = child {
            body(Node(current))
            child = current.pointee.next
        }
    }

    /// The parent element.
    var parent: Node? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return Node(parent)
    }

    /// The value of attribute `name`, if present. Names are literals, handed to libxml2 as they are: a String
    /// name was made into a new C string at every ask (an allocation, a copy and a release).
    func attribute(_ name: StaticString) -> String? {
        assert(Self.survivesTrimming(name), "\(name) is dropped before parsing: add it to PageTrimmer.readAttributes")
        guard let value = xmlGetProp(pointer, name.utf8Start) else { return nil }
        defer { pressline_xml_free(value) }
        return String(cString: value)
    }

    /// The text of attribute `name` as libxml2 holds it (valid while the node lives), nil when absent: read
    /// in place, where `xmlGetProp` copies it (a malloc and a free). The HTML parser stores a value as one
    /// text node with its entities decoded, none for an empty value.
    func attributeText(_ name: StaticString) -> UnsafePointer<xmlChar>? {
        assert(Self.survivesTrimming(name), "\(name) is dropped before parsing: add it to PageTrimmer.readAttributes")
        guard let attribute = xmlHasProp(pointer, name.utf8Start) else { return nil }
        guard let content = attribute.pointee.children?.pointee.content else { return Self.emptyText }
        return UnsafePointer(content)
    }

    private static var emptyText: UnsafePointer<xmlChar> { ("" as StaticString).utf8Start }

    private static func survivesTrimming(_ name: StaticString) -> Bool {
        PageTrimmer.readAttributes.contains(Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)))
    }

    /// A text node's own content.
    var ownText: String {
        guard let content = pointer.pointee.content else { return "" }
        return String(cString: content)
    }

    /// All text below this node, concatenated (like `textContent`).
    var textContent: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { pressline_xml_free(content) }
        return String(cString: content)
    }

    /// `textContent.count`, without building the String where every scalar is a Character of its own
    /// (``CharacterCount``): the clean stage measures every paragraph and link this way.
    var textLength: Int {
        guard let content = xmlNodeGetContent(pointer) else { return 0 }
        defer { pressline_xml_free(content) }
        let bytes = UnsafeBufferPointer(start: content, count: strlen(content))
        return CharacterCount.simple(bytes, marks: 0)?.characters ?? String(cString: content).count
    }

    /// The text below this node with a space between text nodes: "Jane Doe" and "Editor" in sibling
    /// elements read "Jane Doe Editor", not "Jane DoeEditor" as `textContent` runs them together.
    var spacedText: String { textPieces.joined(separator: " ") }

    /// The nearest enclosing element called `name`.
    func ancestor(named name: String) -> Node? {
        var current = parent
        while let node = current {
            if node.isElement && node.name == name { return node }
            current = node.parent
        }
        return nil
    }

    /// Whether `container` encloses this node.
    func isInside(_ container: Node) -> Bool {
        var current = parent
        while let node = current {
            if node == container { return true }
            current = node.parent
        }
        return false
    }

    /// The text below this node with each `<br>` read as a space ("WEEKEND<br>CODING" is two words).
    var textWithBreaks: String {
        var out = ""
        var stack = [self]
        while let node = stack.popLast() {
            if node.isText { out += node.ownText } else if node.isElement && node.name == "br" { out += " " } else if node.isElement || node == self {
                node.pushChildren(onto: &stack)
            }
        }
        return out
    }

    /// The non-blank text nodes below this node, each with its spaces collapsed, in document order.
    var textPieces: [String] { textPieces(upTo: .max) ?? [] }

    /// ``spacedText`` when it is at most `limit` characters; nil, without reading the rest, when longer.
    /// Bylines and dates are short: asking a container for its whole text to learn that is the slow way.
    func spacedText(upTo limit: Int) -> String? { textPieces(upTo: limit)?.joined(separator: " ") }

    /// The first of ``textPieces``, without reading further.
    var firstTextPiece: String? {
        var first: String?
        forEachTextPiece { first = $0; return false }
        return first
    }

    /// ``textPieces`` when their text is at most `limit` characters; nil, without reading the rest, when longer.
    func textPieces(upTo limit: Int) -> [String]? {
        var parts: [String] = []
        var length = -1
        var tooLong = false
        forEachTextPiece { piece in
            length += piece.count + 1
            tooLong = length > limit
            if !tooLong { parts.append(piece) }
            return !tooLong
        }
        return tooLong ? nil : parts
    }

    /// Calls `body` with each non-blank text node below this node, its spaces collapsed, in document order,
    /// until `body` returns false.
    private func forEachTextPiece(_ body: (String) -> Bool) {
        var stack = [self]
        while let node = stack.popLast() {
            if node.isText {
                let piece = TextNormalizer.collapseSpaces(node.ownText)
                if !piece.isEmpty && !body(piece) { return }
            } else if node.isElement || node == self {
                node.pushChildren(onto: &stack)
            }
        }
    }

    /// Whether one text node below this node holds `word` (lower-case ASCII, no spaces), ignoring ASCII case:
    /// read in place, a cheap test before the text is gathered and normalised.
    func hasText(containingWord word: String) -> Bool {
        var stack = [self]
        while let node = stack.popLast() {
            if node.isText, let content = node.pointer.pointee.content {
                let text = UnsafeBufferPointer(start: UnsafePointer(content), count: Int(xmlStrlen(content)))
                if text.firstIndex(ofLowercased: word, from: 0) != nil { return true }
            } else if node.isElement || node == self {
                node.pushChildren(onto: &stack)
            }
        }
        return false
    }

    /// Elements below this node (depth-first, document order) for which `match` is true.
    func descendants(where match: (Node) -> Bool) -> [Node] {
        var out: [Node] = []
        forEachElement { if match($0) { out.append($0) } }
        return out
    }

    /// Calls `body` on every element below this node, depth-first in document order, following libxml2's
    /// own links rather than building child arrays (this walk is the clean stage's inner loop).
    func forEachElement(_ body: (Node) -> Void) {
        var current = pointer.pointee.children
        while let node = current {
            let isElement = node.pointee.type == XML_ELEMENT_NODE
            if isElement { body(Node(node)) }
            if isElement, let child = node.pointee.children {
                current = child
                continue
            }
            // Climb until a node has a next sibling, stopping at self.
            var climbing: xmlNodePtr? = node
            current = nil
            while let up = climbing, up != pointer {
                if let next = up.pointee.next { current = next; break }
                climbing = up.pointee.parent
            }
        }
    }

    /// "class id" of the element, lowercased, for pattern tests.
    var classAndID: String { ((attribute("class") ?? "") + " " + (attribute("id") ?? "")).lowercased() }

    /// Takes this node out of its tree.
    func remove() {
        // Its memory is the page's arena, released with the page: freeing the subtree node by node
        // was most of what pruning cost.
        xmlUnlinkNode(pointer)
    }
}

extension Node {
    /// The article's `<h1>`: inside `<article>` or `<main>` when there is one, else the first on the page.
    func mainHeading() -> Node? {
        for container in descendants(where: { $0.name == "article" || $0.name == "main" }) {
            if let heading = container.descendants(where: { $0.name == "h1" }).first { return heading }
        }
        return descendants { $0.name == "h1" }.first
    }
}
