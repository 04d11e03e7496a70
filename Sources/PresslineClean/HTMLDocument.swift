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
    /// each time shows in its profile (docs/BENCHMARKS.md). A known tag's number is kept in the node's
    /// `_private` slot (libxml2 leaves it to the application) on first use, and later uses read the shared
    /// String from ``TagNames``.
    var name: String {
        guard isElement else { return "" }
        if let known = pointer.pointee._private { return TagNames.all[Int(bitPattern: known) - 1] }
        guard let cName = pointer.pointee.name else { return "" }
        let name = String(cString: cName)
        if let number = TagNames.number[name] { pointer.pointee._private = UnsafeMutableRawPointer(bitPattern: number + 1) }
        return name
    }

    /// The element's number in ``TagNames/all`` (read from `_private`, as ``name`` keeps it); nil for custom
    /// elements and non-elements. Lets a walk over every element look its tag up in an array.
    var tagNumber: Int? {
        guard isElement else { return nil }
        if pointer.pointee._private == nil { _ = name }
        guard let known = pointer.pointee._private else { return nil }
        return Int(bitPattern: known) - 1
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
}

extension Node {
    /// The article's `<h1>`: inside `<article>` or `<main>` when there is one, else the first on the page.
    func mainHeading() -> Node? {
        // The first <h1> of the first container that has one is the first <h1> inside any container: a container
        // nested in another or after it holds only later ones. So one walk, stopping there, by tag number.
        var first: Node?
        let contained = firstElement { element in
            guard element.tagNumber == Self.h1 else { return false }
            first = first ?? element
            var ancestor = element.parent
            while let current = ancestor, current != self {
                if Self.containers.contains(current) { return true }
                ancestor = current.parent
            }
            return false
        }
        return contained ?? first
    }

    private static let h1 = TagNames.number["h1"]
    private static let containers: TagSet = ["article", "main"]
}
