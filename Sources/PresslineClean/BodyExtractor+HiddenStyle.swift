/// Elements a page hides with an inline style are not read as its body.
extension BodyExtractor {
    static let hidingStyle = HintSet(["display:none"])
}

private extension String {
    var replacingSpaces: String { filter { !$0.isWhitespace } }
}

extension BodyExtractor {
    /// Whether the element's inline style hides it ("display: none"). An ASCII style is read in place, its
    /// spaces dropped and letters lowered as bytes, rather than copying every style and filtering its
    /// Characters.
    static func hidesByStyle(_ node: Node) -> Bool {
        guard var cursor = node.attributeText("style") else { return false }
        var bytes: [UInt8] = []
        while cursor.pointee != 0 {
            let byte = cursor.pointee
            if byte >= 0x80 { return hidingStyle.matches((node.attribute("style") ?? "").replacingSpaces) }
            if byte != 32 && !(9...13).contains(byte) { bytes.append(HintSet.lower(byte)) }
            cursor += 1
        }
        return hidingStyle.matches(bytes: bytes)
    }
}
