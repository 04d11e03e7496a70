/// A reader for the part of TOML that pipeline files use: `[table]` and
/// `[dotted.table]` headers, `key = value` with strings, integers, floats,
/// booleans and arrays of those, and `#` comments.
///
/// ```swift
/// let table = try TOML.parse("[queue]\nwindow = 512\n")
/// table["queue.window"]   // .integer(512)
/// ```
public enum TOML {
    /// A parsed value.
    public enum Value: Equatable, Sendable {
        case string(String), integer(Int), float(Double), boolean(Bool), array([Value])
    }

    /// A syntax error, with the 1-based line it is on.
    public struct SyntaxError: Error, CustomStringConvertible, Sendable {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses `text` into a flat map from dotted key (`stages.clean.workers`) to value.
    public static func parse(_ text: String) throws(SyntaxError) -> [String: Value] {
        var result: [String: Value] = [:]
        var table = ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        var lineNumber = 0
        while let raw = lines.popFirst() {
            lineNumber += 1
            var line = stripComment(raw).trimmingWhitespace
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), !line.hasPrefix("[[") else {
                    throw SyntaxError(line: lineNumber, message: "a table header looks like [name] (arrays of tables are not supported)")
                }
                table = String(line.dropFirst().dropLast()).trimmingWhitespace
                guard isValidKey(table) else { throw SyntaxError(line: lineNumber, message: "'\(table)' is not a valid table name") }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw SyntaxError(line: lineNumber, message: "expected 'key = value', found '\(line)'")
            }
            let key = String(line[..<equals]).trimmingWhitespace
            guard isValidKey(key) else { throw SyntaxError(line: lineNumber, message: "'\(key)' is not a valid key") }
            var valueText = String(line[line.index(after: equals)...]).trimmingWhitespace
            // A multi-line array continues until its brackets balance.
            let firstLine = lineNumber
            while valueText.hasPrefix("[") && bracketDepth(valueText) > 0 {
                guard let next = lines.popFirst() else {
                    throw SyntaxError(line: firstLine, message: "array for '\(key)' is never closed with ]")
                }
                lineNumber += 1
                line = stripComment(next).trimmingWhitespace
                valueText += " " + line
            }
            let fullKey = table.isEmpty ? key : "\(table).\(key)"
            guard result[fullKey] == nil else { throw SyntaxError(line: firstLine, message: "'\(fullKey)' is defined twice") }
            var parser = ValueParser(text: Array(valueText), line: firstLine)
            result[fullKey] = try parser.parseWhole()
        }
        return result
    }

    private static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        }
    }

    /// Drops a `#` comment that is not inside a string.
    private static func stripComment(_ line: String) -> String {
        var quote: Character? = nil
        var escaped = false
        for (offset, character) in line.enumerated() {
            if escaped { escaped = false; continue }
            if character == "\\" && quote == "\"" { escaped = true; continue }
            if let open = quote { if character == open { quote = nil }; continue }
            if character == "\"" || character == "'" { quote = character; continue }
            if character == "#" { return String(line.prefix(offset)) }
        }
        return line
    }

    private static func bracketDepth(_ text: String) -> Int {
        var depth = 0
        var quote: Character? = nil
        for character in text {
            if let open = quote { if character == open { quote = nil }; continue }
            switch character {
            case "\"", "'": quote = character
            case "[": depth += 1
            case "]": depth -= 1
            default: break
            }
        }
        return depth
    }

    private struct ValueParser {
        let text: [Character]
        let line: Int
        var position = 0

        init(text: [Character], line: Int) {
            self.text = text
            self.line = line
        }

        mutating func parseWhole() throws(SyntaxError) -> Value {
            let value = try parseValue()
            skipSpace()
            guard position == text.count else { throw error("unexpected text after the value") }
            return value
        }

        func error(_ message: String) -> SyntaxError { SyntaxError(line: line, message: message) }

        mutating func skipSpace() {
            while position < text.count, text[position] == " " || text[position] == "\t" { position += 1 }
        }

        mutating func parseValue() throws(SyntaxError) -> Value {
            skipSpace()
            guard position < text.count else { throw error("a value is missing") }
            switch text[position] {
            case "\"", "'": return .string(try parseString())
            case "[": return try parseArray()
            default: return try parseScalar()
            }
        }

        mutating func parseString() throws(SyntaxError) -> String {
            let quote = text[position]
            position += 1
            var out = ""
            while position < text.count {
                let character = text[position]
                position += 1
                if character == quote { return out }
                if character == "\\" && quote == "\"" {
                    guard position < text.count else { break }
                    let escape = text[position]
                    position += 1
                    switch escape {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "\\": out.append("\\")
                    case "\"": out.append("\"")
                    default: throw error("unknown escape \\\(escape) in a string")
                    }
                } else {
                    out.append(character)
                }
            }
            throw error("a string is not closed with \(quote)")
        }

        mutating func parseArray() throws(SyntaxError) -> Value {
            position += 1
            var items: [Value] = []
            while true {
                skipSpace()
                guard position < text.count else { throw error("an array is not closed with ]") }
                if text[position] == "]" { position += 1; return .array(items) }
                items.append(try parseValue())
                skipSpace()
                guard position < text.count else { throw error("an array is not closed with ]") }
                if text[position] == "," { position += 1 } else if text[position] != "]" {
                    throw error("expected , or ] in an array")
                }
            }
        }

        mutating func parseScalar() throws(SyntaxError) -> Value {
            let start = position
            while position < text.count, !",] \t".contains(text[position]) { position += 1 }
            let token = String(text[start..<position])
            if token == "true" { return .boolean(true) }
            if token == "false" { return .boolean(false) }
            let digits = token.filter { $0 != "_" }
            if let integer = Int(digits) { return .integer(integer) }
            if let float = Double(digits) { return .float(float) }
            throw error("'\(token)' is not a value (strings need quotes)")
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and carriage returns.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
