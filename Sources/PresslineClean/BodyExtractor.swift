/// Finds the article body in a parsed page and returns it as paragraphs.
///
/// Strategy: drop elements that never hold prose (``BodyHeuristics/droppedTags``)
/// and blocks whose class or id says boilerplate; score every container by the
/// prose paragraphs it holds (readability's method); take the best container's
/// paragraphs in document order, skipping link-heavy ones.
final class BodyExtractor {
    /// Paragraph characters on the whole page, measured before pruning.
    private var pageProse = 0
    /// Prose characters per element, measured once before pruning.
    private var proseByNode: [Node: Int]?
    /// Table rows already judged by ``isParagraph(_:)``.
    private var simpleRows: [Node: Bool] = [:]

    /// The body paragraphs of the page under `root`; empty when none was found.
    func paragraphs(in root: Node) -> [String] {
        prune(root)
        let body = root.descendants { $0.name == "body" }.first ?? root
        let blocks = textBlocks(in: body)
        var scores: [Node: Double] = [:]
        // Where each candidate first scored, in page order: equal scores go to the earlier one. A node hashes
        // by its address, so the dictionary's own order differs run to run (`CLITests.tiedScores`).
        var order: [Node: Int] = [:]
        for block in blocks {
            // Characters and commas in one walk, rather than counting graphemes three times over.
            let (length, commas) = CharacterCount.of(blockText(block), marks: ",")
            guard length >= BodyHeuristics.minScoredParagraph, linkDensity(of: block) < BodyHeuristics.maxLinkDensity else { continue }
            let score = 1 + Double(length) / 100 + Double(commas)
            // A container holding prose of its own is itself a candidate, as a paragraph's parent is.
            var ancestor = isParagraph(block) ? block.parent : block
            for decay in BodyHeuristics.ancestorDecay {
                guard let node = ancestor else { break }
                if order[node] == nil { order[node] = order.count }
                scores[node, default: 0] += score * decay
                ancestor = node.parent
            }
        }
        let marked = markedBody(in: body)
        let best = marked ?? scores.max { $0.value != $1.value ? $0.value < $1.value : order[$0.key]! > order[$1.key]! }?.key
        var container = best.map(widen) ?? body
        // Of several <article>s side by side, the story is the one under the headline; the rest are teasers
        // (whether the scores picked a teaser, or the list that holds them all).
        if let heading = body.mainHeading() {
            let group = container.name == "article" ? container.parent?.children ?? [] : container.children
            let articles = group.filter { $0.name == "article" }
            if articles.count > 1, let story = articles.first(where: { heading.isInside($0) }) { container = story }
        }
        var out: [String]
        if marked == nil, container != body, let chunks = bodyChunks(like: container, in: body, scores: scores) {
            out = chunks.flatMap(collect)
        } else if marked == nil, container != body, let story = widenToProse(container) {
            // A listicle's item widened to the whole story is read alone: what sits beside it is not of it.
            container = story
            out = collect(from: story)
        } else {
            out = marked == nil && container != body ? collectWithSiblings(of: container, scores: scores) : collect(from: container)
        }
        if CharacterCount.isShorter(out.joined(), than: BodyHeuristics.minArticleChars), container != body {
            out = collect(from: body)
        }
        return out.filter { !ParagraphFilter.isFurniture($0) }
    }

    /// An article cut into blocks between ads (`<div class="body__container">` … ad … the same again): every
    /// element of the container's tag and class that scores as prose, in page order; nil when it stands alone.
    private func bodyChunks(like container: Node, in body: Node, scores: [Node: Double]) -> [Node]? {
        guard let classes = container.attribute("class"), !classes.isEmpty else { return nil }
        let threshold = (scores[container] ?? 0) * BodyHeuristics.siblingScoreShare
        let chunks = body.descendants { $0.name == container.name && $0.attribute("class") == classes && ($0 == container || (scores[$0] ?? 0) >= threshold) }
        return chunks.count > 1 ? chunks : nil
    }

    /// The element the page itself marks as the article body (`itemprop="articleBody"`, an article-body class),
    /// when it holds an article's worth of prose: structure beats scoring where the page states it.
    private func markedBody(in body: Node) -> Node? {
        let marked = body.descendants { node in
            node.attribute("itemprop")?.lowercased() == "articlebody"
                || BodyHeuristics.articleHints.matches(node)
        }
        return marked.map { ($0, proseLength(of: $0) + ownText(of: $0).count) }
            .filter { $0.1 >= BodyHeuristics.minArticleChars }
            .max { $0.1 < $1.1 }?.0
    }

    /// Removes never-prose elements and boilerplate blocks (unless they carry an article hint).
    private func prune(_ root: Node) {
        pageProse = proseLength(of: root)
        let doomed = root.descendants { node in
            // A node holding most of the page's prose stays, whatever its tag, class or hidden flag says:
            // libxml2 does not know HTML5 elements and lets a never-closed <aside> or <nav> swallow the
            // rest of the page, and React streams the body into a hidden <div id="S:0"> a script reveals.
            if self.holdsMostProse(node) { return false }
            if BodyHeuristics.droppedTags.contains(node) { return true }
            if node.name == "header" { return !containsParagraphs(node) }
            // Forms are search boxes and sign-ups, except the ones ASP.NET wraps around the whole page.
            if node.name == "form" { return proseLength(of: node) * 2 <= pageProse }
            if node.attribute("hidden") != nil || Self.hidesByStyle(node) { return true }
            if node.attribute("aria-hidden") == "true" || node.attribute("role") == "navigation" { return true }
            return isBoilerplate(node)
        }
        // Children of a removed node are freed with it: remove outermost first and skip the rest.
        var removed = Set<Node>()
        for node in doomed {
            var ancestor = node.parent
            var inside = false
            while let current = ancestor { if removed.contains(current) { inside = true; break }; ancestor = current.parent }
            if !inside { removed.insert(node) }
        }
        for node in removed { node.remove() }
    }

    /// Whether `node` holds more than half of the page's prose (and an article's worth of it).
    private func holdsMostProse(_ node: Node) -> Bool {
        let prose = proseLength(of: node)
        return prose > BodyHeuristics.maxWeakHintChars && prose * 2 > pageProse && node.name != "head"
    }

    /// Class/id says boilerplate, and nothing says article body.
    private func isBoilerplate(_ node: Node) -> Bool {
        guard node.name != "body", node.name != "html", node.name != "article", node.name != "main" else { return false }
        let hints = hintBytes(of: node)
        guard hints.contains(where: { $0 != 32 }) else { return false }
        // The strong hints are boilerplate hints too: most classes match neither, and one pass tells.
        guard BodyHeuristics.boilerplateHints.matches(bytes: hints), !BodyHeuristics.articleHints.matches(bytes: hints) else { return false }
        return BodyHeuristics.strongBoilerplateHints.matches(bytes: hints) || proseLength(of: node) <= BodyHeuristics.maxWeakHintChars
    }

    /// The class and id a block's role is read from. A heading's anchor id made of its own words
    /// ("h-what-is-social-shopping" on "What is Social Shopping?", as WordPress and Markdown tools write them)
    /// names its text, not its role, and is left out (`SectionHeadingTests`).
    private func hintBytes(of node: Node) -> [UInt8] {
        guard BodyHeuristics.headingTags.contains(node), let id = node.attribute("id") else { return node.classAndIDBytes }
        let words = { (text: String) in text.lowercased().split { !$0.isLetter && !$0.isNumber }.filter { $0.count > 1 } }
        let idWords = words(id), textWords = Set(words(node.textContent))
        guard idWords.count >= 2, idWords.allSatisfy(textWords.contains) else { return node.classAndIDBytes }
        return node.classBytes
    }

    /// Characters of paragraph text below `node` that is not link text. Computed for the whole tree in
    /// one pass on first use, so that judging nested wrappers stays linear in the page's size.
    private func proseLength(of node: Node) -> Int {
        if proseByNode == nil { proseByNode = Self.measureProse(from: node.ancestorRoot) }
        return proseByNode?[node] ?? 0
    }

    /// Prose characters under every element: each `<p>` that is not mostly links counts its text,
    /// and every ancestor adds up its descendants'.
    private static func measureProse(from root: Node) -> [Node: Int] {
        var prose: [Node: Int] = [:]
        func visit(_ node: Node) -> Int {
            var total = 0
            node.forEachChild { child in if child.isElement { total += visit(child) } }
            if node.name == "p" {
                let text = node.textLength
                let linked = node.descendants { $0.name == "a" }.reduce(0) { $0 + $1.textLength }
                if text > 0, Double(linked) / Double(text) < BodyHeuristics.maxLinkDensity { total += text }
            }
            // Most elements hold no prose: leaving them out (read back as 0) keeps the table a fraction of the page.
            if total > 0 { prose[node] = total }
            return total
        }
        _ = visit(root)
        return prose
    }

    /// A container that holds only part of the article (a div between two subheads) widens to its parent
    /// when the parent is an `<article>` or carries an article hint.
    private func widen(_ node: Node) -> Node {
        var current = node
        while let parent = current.parent, parent.name != "body" {
            if parent.name == "article" || BodyHeuristics.articleHints.matches(parent) { current = parent } else { break }
        }
        return current
    }

    /// A story cut into many small blocks — a listicle's items, each in a wrapper of the same class — scores
    /// each block alone, and the best holds one item. When it holds under a third of the page's prose and the
    /// way up passes such a repeated item, the story is the nearest ancestor (within
    /// ``BodyHeuristics/maxProseWidening`` levels) that holds most of the prose, or the `<article>` met
    /// first: where the page bounds its story, the prose outside is other stories' teasers (`ListicleBodyTests`).
    private func widenToProse(_ node: Node) -> Node? {
        guard node.name != "article", proseLength(of: node) * 3 < pageProse else { return nil }
        var current = node
        var repeated = false
        for _ in 0..<BodyHeuristics.maxProseWidening {
            guard let parent = current.parent, parent.name != "body", parent.name != "html" else { break }
            repeated = repeated || isRepeatedItem(current)
            if parent.name == "article" || holdsMostProse(parent) { return repeated ? parent : nil }
            current = parent
        }
        return nil
    }

    /// Whether a sibling of `node` has its tag and class and holds prose too: one of a list of like blocks.
    private func isRepeatedItem(_ node: Node) -> Bool {
        guard let classes = node.attribute("class"), !classes.isEmpty, let parent = node.parent else { return false }
        return parent.children.contains { $0 != node && $0.name == node.name && $0.attribute("class") == classes && proseLength(of: $0) > 0 }
    }

    /// Whether `node` is read as one paragraph. A table row is, unless it lays out blocks (old sites put
    /// whole pages in table cells).
    private func isParagraph(_ node: Node) -> Bool {
        guard BodyHeuristics.paragraphTags.contains(node) else { return false }
        guard node.name == "tr" else { return true }
        if let known = simpleRows[node] { return known }
        let simple = node.descendants { ["p", "div", "table", "ul", "ol"].contains($0.name) }.isEmpty
        simpleRows[node] = simple
        return simple
    }

    /// Paragraph elements, and containers holding prose of their own, in document order.
    private func textBlocks(in root: Node) -> [Node] {
        root.descendants { node in
            if isParagraph(node) { return !hasParagraphAncestor(node) }
            return BodyHeuristics.textContainerTags.contains(node) && !hasParagraphAncestor(node)
                && ownText(of: node).count >= BodyHeuristics.minContainerText
        }
    }

    /// A block's text: all of it for paragraph elements, only its own (inline) text for containers.
    private func blockText(_ node: Node) -> String {
        if node.name == "tr" {
            // Cells are separate words: "1 Ana Ruiz 120", not "1Ana Ruiz120".
            return TextNormalizer.collapseSpaces(node.children.filter(\.isElement).map(\.textContent).joined(separator: " "))
        }
        return isParagraph(node) ? normalizedText(of: node) : ownText(of: node)
    }

    /// Text of a container's text nodes and inline children, skipping child blocks.
    private func ownText(of node: Node) -> String {
        var out = ""
        func walk(_ current: Node) {
            for child in current.children {
                if child.isText { out += child.ownText }
                else if child.name == "br" { out += "\n" }
                else if BodyHeuristics.inlineTags.contains(child) { walk(child) }
            }
        }
        walk(node)
        return TextNormalizer.collapseSpaces(out)
    }

    /// The container's paragraphs plus those of siblings that score well or are prose paragraphs themselves:
    /// articles split by ads or "read more" boxes continue in the next sibling (readability's sibling step).
    private func collectWithSiblings(of container: Node, scores: [Node: Double]) -> [String] {
        guard let parent = container.parent, parent.name != "html" else { return collect(from: container) }
        let threshold = (scores[container] ?? 0) * BodyHeuristics.siblingScoreShare
        var out: [String] = []
        for sibling in parent.children where sibling.isElement {
            // An <article> beside the article is another story (a list of more posts), however well it scores.
            if sibling != container && container.name == "article" && sibling.name == "article" { continue }
            if sibling == container || (scores[sibling] ?? 0) >= threshold {
                out += collect(from: sibling)
            } else if sibling.name == "p", linkDensity(of: sibling) < BodyHeuristics.maxSiblingLinkDensity {
                let text = normalizedText(of: sibling)
                if text.count >= BodyHeuristics.minSiblingParagraph { out.append(text) }
            }
        }
        return out
    }

    private func collect(from container: Node) -> [String] {
        var out: [String] = []
        for block in [container].filter({ BodyHeuristics.textContainerTags.contains($0) && ownText(of: $0).count >= BodyHeuristics.minContainerText }) + textBlocks(in: container) {
            let text = blockText(block)
            guard !text.isEmpty, linkDensity(of: block) < BodyHeuristics.maxLinkDensity else { continue }
            out.append(text)
        }
        if out.isEmpty {
            // Pages that put prose straight into divs with <br>: fall back to the container's text lines.
            out = container.textContent.split(separator: "\n").map { TextNormalizer.collapseSpaces(String($0)) }.filter { $0.count >= 2 }
        }
        return out
    }

    private func hasParagraphAncestor(_ node: Node) -> Bool {
        var ancestor = node.parent
        while let current = ancestor {
            if isParagraph(current) { return true }
            ancestor = current.parent
        }
        return false
    }

    private func containsParagraphs(_ node: Node) -> Bool {
        node.descendants { $0.name == "p" }.contains { normalizedText(of: $0).count >= BodyHeuristics.minArticleChars }
    }

    /// Share of a block's characters that sit inside links: high for menus and teaser lists.
    func linkDensity(of node: Node) -> Double {
        let total = node.textLength
        guard total > 0 else { return 0 }
        let linked = node.descendants { $0.name == "a" }.reduce(0) { $0 + $1.textLength }
        return Double(linked) / Double(total)
    }

    private func normalizedText(of node: Node) -> String { TextNormalizer.collapseSpaces(node.textContent) }
}
