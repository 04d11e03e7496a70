import Foundation
import PresslineCore

/// Finds dates ("March 1", "Feb. 28, 2025", "2025-03-01", "on Tuesday", "yesterday") and resolves
/// them against the publication date. Without one, a date that does not name its year stays unresolved.
struct DateFinder {
    static let months: [String: Int] = [
        "january": 1, "jan.": 1, "jan": 1, "february": 2, "feb.": 2, "feb": 2, "march": 3, "mar.": 3, "april": 4, "apr.": 4,
        "may": 5, "june": 6, "jun.": 6, "july": 7, "jul.": 7, "august": 8, "aug.": 8, "september": 9, "sept.": 9, "sep.": 9,
        "october": 10, "oct.": 10, "november": 11, "nov.": 11, "december": 12, "dec.": 12,
    ]
    /// Weekday names and their number, Sunday 0.
    static let weekdays: [String: Int] = [
        "sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    ]
    /// Relative words and their offset in days from publication.
    static let relativeDays: [String: Int] = ["today": 0, "yesterday": -1, "tomorrow": 1]

    func find(_ tokens: [Token], scalars: [Unicode.Scalar], published: String?) -> [DateMention] {
        let calendar = Self.calendar
        let anchor = published.flatMap(Self.parseISO)
        var out: [DateMention] = []
        var index = 0
        func text(_ from: Int, _ to: Int) -> String { String(scalars: scalars[tokens[from].start..<tokens[to].end]) }
        // A weekday or "yesterday" resolves the same way every time in one article: worked out once
        // (Foundation's calendar arithmetic and formatting were most of this function's time).
        var dayValues: [String: String?] = [:]
        func day(_ word: String, _ resolve: (Date) -> Date) -> String? {
            if let known = dayValues[word] { return known }
            let value = anchor.map { Self.isoString(resolve($0)) }
            dayValues[word] = value
            return value
        }
        while index < tokens.count {
            let named = Self.mayNameDay(tokens[index].text)
            // Only a capital needs lowering: lower-casing every token was a hundredth of the extract stage.
            let word = named && tokens[index].isCapitalized ? tokens[index].text.lowercased() : tokens[index].text
            if named, let month = Self.months[word], word != "may" || (index + 1 < tokens.count && Int(tokens[index + 1].text) != nil),
               index + 1 < tokens.count, let day = Int(tokens[index + 1].text), (1...31).contains(day) {
                var last = index + 1
                var year: Int?
                if last + 2 < tokens.count, tokens[last + 1].text == ",", let y = Int(tokens[last + 2].text), (1800...2200).contains(y) {
                    year = y
                    last += 2
                }
                let resolvedYear = year ?? anchor.map { inferYear(month: month, anchor: $0, calendar: calendar) }
                let value = resolvedYear.flatMap { Self.format(year: $0, month: month, day: day) }
                out.append(DateMention(text: text(index, last), start: tokens[index].start, end: tokens[last].end, value: value))
                index = last + 1
                continue
            }
            if named, let weekday = Self.weekdays[word] {
                let value = day(word) { date in
                    // "on Tuesday" in news means the most recent Tuesday up to the publication day.
                    let current = calendar.component(.weekday, from: date) - 1
                    let back = (current - weekday + 7) % 7
                    return calendar.date(byAdding: .day, value: -back, to: date)!
                }
                out.append(DateMention(text: tokens[index].text, start: tokens[index].start, end: tokens[index].end, value: value))
            } else if named, let offset = Self.relativeDays[word] {
                let value = day(word) { calendar.date(byAdding: .day, value: offset, to: $0)! }
                out.append(DateMention(text: tokens[index].text, start: tokens[index].start, end: tokens[index].end, value: value))
            } else if word.utf8.count == 10, let date = Self.parseISO(word) {
                // Bytes, not Characters: an ISO date is ASCII, and counting graphemes of every token was not free.
                out.append(DateMention(text: tokens[index].text, start: tokens[index].start, end: tokens[index].end, value: Self.isoString(date)))
            }
            index += 1
        }
        return out
    }

    /// What every key of ``months``, ``weekdays`` and ``relativeDays`` shares, worked out from them: the
    /// letters they start with (a bit each from `a`) and their byte lengths.
    private static let dayWords: (initials: UInt32, lengths: ClosedRange<Int>) = {
        let keys = Array(months.keys) + Array(weekdays.keys) + Array(relativeDays.keys)
        let initials = keys.reduce(UInt32(0)) { $0 | 1 << UInt32($1.utf8.first! - UInt8(ascii: "a")) }
        let lengths = keys.map(\.utf8.count)
        return (initials, lengths.min()!...lengths.max()!)
    }()

    /// Whether `word` may be one of ``months``, ``weekdays`` or ``relativeDays``, told from its length and first
    /// byte (``dayWords``) before it is lowered and looked up in three dictionaries: most tokens are no day at
    /// all, and every token is asked.
    static func mayNameDay(_ word: String) -> Bool {
        let utf8 = word.utf8
        guard dayWords.lengths.contains(utf8.count), let first = utf8.first else { return false }
        let letter = first | 0x20
        return letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z") && dayWords.initials & 1 << UInt32(letter - UInt8(ascii: "a")) != 0
    }

    /// The year that puts month/day closest before (or a little after) the publication date.
    private func inferYear(month: Int, anchor: Date, calendar: Calendar) -> Int {
        let year = calendar.component(.year, from: anchor)
        let anchorMonth = calendar.component(.month, from: anchor)
        // A month far after the publication month is last year's ("in December", said in February).
        return month - anchorMonth > 6 ? year - 1 : year
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func parseISO(_ text: String) -> Date? {
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return calendar.date(from: DateComponents(year: y, month: m, day: d))
    }

    static func format(year: Int, month: Int, day: Int) -> String? {
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.component(.day, from: date) == day else { return nil }
        return isoString(date)
    }

    static func isoString(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
