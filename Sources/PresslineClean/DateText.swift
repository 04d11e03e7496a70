import Foundation

/// Turns the date strings pages give into ISO dates.
enum DateText {
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

    /// A date written for people: "December 17, 2025", "17 December 2025", "Dec. 17, 2025", "2025/12/17", and
    /// the same in the languages of ``LanguageWords`` ("5. Dezember 2026", "5 de diciembre de 2026", "5 grudnia 2026").
    static func visibleDate(_ text: String) -> String? {
        guard hasASCIIDigit(text) else { return nil }
        // "January 22nd, 2019", "1er août", "1º de dezembro": ordinal suffixes off the day.
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map { word -> String in
            let ordinal = ordinalSuffixes.first { word.hasSuffix($0) && word.count > $0.count && word.dropLast($0.count).allSatisfy(\.isNumber) }
            return ordinal.map { String(word.dropLast($0.count)) } ?? String(word)
        }
        for (index, word) in words.enumerated() {
            if let month = LanguageWords.allMonths[word] {
                // Month D, YYYY
                if index + 2 < words.count, let day = Int(words[index + 1]), let year = Int(words[index + 2]),
                   let date = format(year: year, month: month, day: day) { return date }
                // D Month YYYY, or D de Month de YYYY
                let before = index >= 2 && LanguageWords.dateLinks.contains(words[index - 1]) ? index - 2 : index - 1
                let after = index + 2 < words.count && LanguageWords.dateLinks.contains(words[index + 1]) ? index + 2 : index + 1
                if before >= 0, after < words.count, let day = Int(words[before]), let year = Int(words[after]),
                   let date = format(year: year, month: month, day: day) { return date }
            }
            // YYYY MM DD (from 2025/12/17 or 2025.12.17)
            if word.count == 4, let year = Int(word), index + 2 < words.count, let month = Int(words[index + 1]),
               let day = Int(words[index + 2]), let date = format(year: year, month: month, day: day) { return date }
        }
        return nil
    }

    /// What follows a day written as an ordinal: English, French ("1er"), Spanish and Portuguese ("1º").
    static let ordinalSuffixes = ["st", "nd", "rd", "th", "er", "º", "ª"]

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

    /// The UTC calendar date of `seconds` since 1970.
    static func utcDate(_ seconds: Double) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
