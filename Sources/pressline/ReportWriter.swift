import Foundation
import PresslineCore
import PresslineJSON

/// Prints rows as a table, JSON, NDJSON or CSV.
struct ReportWriter {
    let format: OutputFormat

    /// Prints `items`; `columns` names the table/CSV columns and how to read each.
    func write<T: Encodable>(_ items: [T], columns: [(String, (T) -> String)]) throws {
        switch format {
        case .json:
            print(String(decoding: try JSON.prettyEncoder.encode(items), as: UTF8.self))
        case .ndjson:
            for item in items { print(String(decoding: try JSON.encoder.encode(item), as: UTF8.self)) }
        case .csv:
            print(columns.map { csvField($0.0) }.joined(separator: ","))
            for item in items { print(columns.map { csvField($0.1(item)) }.joined(separator: ",")) }
        case .table, .text:
            let rows = items.map { item in columns.map { truncate($0.1(item)) } }
            let widths = columns.indices.map { index in ([columns[index].0] + rows.map { $0[index] }).map(\.count).max() ?? 0 }
            func line(_ cells: [String]) -> String {
                zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces)
            }
            print(line(columns.map { $0.0.uppercased() }))
            for row in rows { print(line(row)) }
            if items.isEmpty { print("(none)") }
        }
    }

    private func truncate(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 70 ? String(flat.prefix(69)) + "…" : flat
    }

    private func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
