import CLibXML2
import Foundation

/// A node's text as the heuristics read it (whole, in pieces, up to a limit, with breaks), and its descendants.
extension Node {
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
        _ = firstElement { body($0); return false }
    }

    /// The first element below this node, in document order, that `match` accepts: the walk stops there.
    func firstElement(where match: (Node) -> Bool) -> Node? {
        var current = pointer.pointee.children
        while let node = current {
            let isElement = node.pointee.type == XML_ELEMENT_NODE
            if isElement, match(Node(node)) { return Node(node) }
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
        return nil
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
