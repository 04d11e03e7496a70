/// A word or punctuation mark with its code-point span in the text.
struct Token: Equatable {
    let text: String
    let start: Int
    let end: Int

    var isCapitalized: Bool { text.first?.isUppercase == true }
    var isWord: Bool { text.first?.isLetter == true || text.first?.isNumber == true }
}

/// Splits text into tokens, keeping abbreviations ("U.S.", "Feb.") and possessives apart from their words.
enum Tokenizer {
    /// Abbreviations whose final period does not end a sentence.
    static let abbreviations: Set<String> = [
        "U.S.", "U.K.", "U.N.", "E.U.", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Sen.", "Rep.", "Gov.", "Col.", "Lt.",
        "Sgt.", "Adm.", "St.", "Jr.", "Sr.", "Inc.", "Corp.", "Ltd.", "Co.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.",
        "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "No.", "vs.", "etc.", "a.m.", "p.m.",
    ]

    static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        let count = scalars.count
        func isWordScalar(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || ("0"..."9").contains(s) }
        while index < count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace { index += 1; continue }
            let start = index
            if isWordScalar(scalar) {
                // Letters, digits, inner hyphens, and dots inside abbreviations (U.S.).
                while index < count {
                    let s = scalars[index]
                    if isWordScalar(s) { index += 1; continue }
                    if (s == "-" || s == ".") && index + 1 < count && isWordScalar(scalars[index + 1]) && s == "-" { index += 1; continue }
                    if s == "." && index + 1 < count && isWordScalar(scalars[index + 1]) && index - start <= 2 { index += 1; continue }
                    break
                }
                // A trailing period belongs to a known abbreviation.
                if index < count && scalars[index] == "." {
                    let candidate = String(String.UnicodeScalarView(scalars[start...index]))
                    if abbreviations.contains(candidate) || (candidate.count == 2 && candidate.first!.isUppercase) { index += 1 }
                }
            } else if (scalar == "'" || scalar == "’") && index + 1 < count && (scalars[index + 1] == "s" || scalars[index + 1] == "S")
                        && (index + 2 >= count || !isWordScalar(scalars[index + 2])) {
                index += 2
            } else {
                index += 1
            }
            tokens.append(Token(text: String(String.UnicodeScalarView(scalars[start..<index])), start: start, end: index))
        }
        return tokens
    }

    /// Sentence spans (token index ranges): a sentence ends at . ! ? unless the token is an abbreviation,
    /// and at a line break.
    static func sentences(_ tokens: [Token], scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for (index, token) in tokens.enumerated() {
            let ends = token.text == "." || token.text == "!" || token.text == "?"
            let closesQuote = (token.text == "\"" || token.text == "”") && index > 0 && [".", "!", "?"].contains(tokens[index - 1].text)
            let lineBreakFollows = index + 1 < tokens.count && scalars[token.end..<tokens[index + 1].start].contains { $0 == "\n" }
            if (ends && !(index + 1 < tokens.count && ["\"", "”"].contains(tokens[index + 1].text))) || closesQuote || lineBreakFollows {
                out.append(start..<(index + 1))
                start = index + 1
            }
        }
        if start < tokens.count { out.append(start..<tokens.count) }
        return out
    }
}
