import Foundation

/// Turns the date strings pages give into ISO dates.
enum DateText {
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    /// "2025-03-01T10:00:00Z" → "2025-03-01"; nil for text without a full date.
    static func isoDate(_ text: String?) -> String? {
        guard let text else { return nil }
        let scalars = Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars)
        guard scalars.count >= 10 else { return nil }
        let head = String(String.UnicodeScalarView(scalars[0..<10]))
        let parts = head.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return visibleDate(text)
        }
        return format(year: year, month: month, day: day)
    }

    /// A date written for people: "December 17, 2025", "17 December 2025", "Dec. 17, 2025", "2025/12/17".
    static func visibleDate(_ text: String) -> String? {
        guard hasASCIIDigit(text) else { return nil }
        // "January 22nd, 2019": ordinal suffixes off the day.
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map { word -> String in
            let ordinal = ["st", "nd", "rd", "th"].first { word.hasSuffix($0) && word.dropLast(2).allSatisfy(\.isNumber) && word.count > 2 }
            return ordinal.map { _ in String(word.dropLast(2)) } ?? String(word)
        }
        for (index, word) in words.enumerated() {
            if let month = months[word] {
                // Month D, YYYY
                if index + 2 < words.count, let day = Int(words[index + 1]), let year = Int(words[index + 2]),
                   let date = format(year: year, month: month, day: day) { return date }
                // D Month YYYY
                if index >= 1, index + 1 < words.count, let day = Int(words[index - 1]), let year = Int(words[index + 1]),
                   let date = format(year: year, month: month, day: day) { return date }
            }
            // YYYY MM DD (from 2025/12/17 or 2025.12.17)
            if word.count == 4, let year = Int(word), index + 2 < words.count, let month = Int(words[index + 1]),
               let day = Int(words[index + 2]), let date = format(year: year, month: month, day: day) { return date }
        }
        return nil
    }

    /// "2/24/2026", "24/2/2026", "24.02.2026": the whole text is one numeric date. Month first, as in the US,
    /// unless the first number cannot be a month; dots mean day first, as in Europe.
    static func numericDate(_ text: String) -> String? {
        guard hasASCIIDigit(text) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let separator: Character = trimmed.contains("/") ? "/" : "."
        let parts = trimmed.split(separator: separator)
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) && !$0.isEmpty }),
              let a = Int(parts[0]), let b = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 else { return nil }
        let dayFirst = separator == "." || a > 12
        return dayFirst ? format(year: year, month: b, day: a) : format(year: year, month: a, day: b)
    }

    /// Whether `text` holds a digit `Int(_:)` can read: every date above needs one for its year, and most
    /// texts near a headline have none, while the two readers are asked of every leaf.
    private static func hasASCIIDigit(_ text: String) -> Bool {
        text.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    static func format(year: Int, month: Int, day: Int) -> String? {
        guard (1990...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
