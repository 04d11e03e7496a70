import TOMLKit

/// Pipeline files as TOML 1.0, read by toml++ through TOMLKit and flattened into dotted keys
/// (`stages.clean.workers`), which ``ConfigReader`` checks one by one, naming file and key.
///
/// ```swift
/// let table = try TOML.parse("[queue]\nwindow = 512\n")
/// table["queue.window"]   // .integer(512)
/// ```
enum TOML {
    /// A value a pipeline setting may hold.
    enum Value: Equatable, Sendable {
        case string(String), integer(Int), float(Double), boolean(Bool), array([Value])
    }

    /// A file that is not TOML, or holds what no setting takes, with the 1-based line it is on.
    struct SyntaxError: Error, CustomStringConvertible, Sendable {
        let line: Int
        let message: String
        var description: String { "line \(line): \(message)" }
    }

    /// Parses `text` into a flat map from dotted key to value.
    static func parse(_ text: String) throws(SyntaxError) -> [String: Value] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SyntaxError(line: error.source.begin.line, message: error.description)
        } catch {
            throw SyntaxError(line: 1, message: "\(error)")
        }
        var flat: [String: Value] = [:]
        try flatten(table, prefix: "", into: &flat)
        return flat
    }

    private static func flatten(_ table: TOMLTable, prefix: String, into flat: inout [String: Value]) throws(SyntaxError) {
        for (key, item) in table {
            let path = prefix + key
            if let nested = item.table {
                try flatten(nested, prefix: path + ".", into: &flat)
            } else {
                flat[path] = try value(item, key: path)
            }
        }
    }

    private static func value(_ item: some TOMLValueConvertible, key: String) throws(SyntaxError) -> Value {
        switch item.type {
        case .string: return .string(item.string ?? "")
        case .int: return .integer(item.int ?? 0)
        case .double: return .float(item.double ?? 0)
        case .bool: return .boolean(item.bool ?? false)
        case .array:
            var values: [Value] = []
            for element in item.array ?? [] { values.append(try value(element, key: key)) }
            return .array(values)
        default:
            // Tables inside arrays, dates and times: no pipeline setting takes them.
            throw SyntaxError(line: 1, message: "'\(key)' holds a \(item.type), which no pipeline setting takes")
        }
    }
}
