/// Text from structured data (JSON-LD `articleBody`), which some sites fill with HTML.
enum StructuredText {
    /// Paragraphs of `text`: markup removed, `</p>` and `<br>` taken as paragraph breaks, entities decoded.
    static func paragraphs(_ text: String) -> [String] {
        guard text.contains("<") && text.contains(">") else {
            return text.components(separatedBy: "\n").map(TextNormalizer.collapseSpaces).filter { !$0.isEmpty }
        }
        var plain = ""
        var tag = ""
        var inTag = false
        for character in text {
            if inTag {
                if character == ">" {
                    inTag = false
                    let name = tag.lowercased().split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init) ?? ""
                    if ["p", "br", "div", "li", "h2", "h3", "h4", "blockquote"].contains(name) { plain += "\n" }
                } else {
                    tag.append(character)
                }
            } else if character == "<" {
                inTag = true
                tag = ""
            } else {
                plain.append(character)
            }
        }
        return HTMLEntities.decode(plain).components(separatedBy: "\n").map(TextNormalizer.collapseSpaces).filter { !$0.isEmpty }
    }
}
