import Foundation

/// A date a page shows relative to when it was read — "3 hours ago", "vor 3 Stunden", "il y a 2 jours",
/// "hace 5 minutos", "2 giorni fa", "há 3 horas", "3 uur geleden", "2 godziny temu", "yesterday" — counted back
/// from the fetch time. News sites show them by the headline for their newest stories; without the fetch time
/// (a file, pasted text) there is nothing to count from and no date is made.
///
/// Only minutes, hours, days and weeks: "2 months ago" could be any of thirty days. A number is written in
/// digits or is the language's "a"/"one" ("an hour ago", "vor einer Stunde"); spelled-out numbers are left
/// alone. Each language's phrase needs its own words around the unit, so prose that merely starts alike ("hace
/// falta", "il y a des années", "vor Ort") does not match (`RelativeDateTests`).
///
/// ```swift
/// RelativeDate.date(in: "vor 3 Stunden", fetchedAt: 1_764_945_000)   // "2025-12-05"
/// ```
enum RelativeDate {
    /// One language's way of saying it: words before the amount, words after the unit, "one", the units,
    /// and the units that mean one of them on their own.
    struct Phrase {
        var before: [String] = []
        var after: [String] = []
        var one: Set<String>
        var units: [String: Double]
        var bare: Set<String> = []
        var yesterday: String
    }

    private static let minute = 60.0, hour = 3_600.0, day = 86_400.0, week = 604_800.0

    static let phrases: [Phrase] = [
        Phrase(after: ["ago"], one: ["a", "an", "one"], units: [
            "minute": minute, "minutes": minute, "min": minute, "mins": minute, "hour": hour, "hours": hour, "hr": hour, "hrs": hour,
            "day": day, "days": day, "week": week, "weeks": week], yesterday: "yesterday"),
        Phrase(before: ["vor"], one: ["einer", "einem"], units: [
            "minute": minute, "minuten": minute, "min": minute, "stunde": hour, "stunden": hour, "std": hour,
            "tag": day, "tagen": day, "woche": week, "wochen": week], yesterday: "gestern"),
        Phrase(before: ["il", "y", "a"], one: ["une", "un"], units: [
            "minute": minute, "minutes": minute, "min": minute, "heure": hour, "heures": hour, "h": hour,
            "jour": day, "jours": day, "semaine": week, "semaines": week], yesterday: "hier"),
        Phrase(before: ["hace"], one: ["una", "un"], units: [
            "minuto": minute, "minutos": minute, "min": minute, "hora": hour, "horas": hour,
            "día": day, "días": day, "dia": day, "dias": day, "semana": week, "semanas": week], yesterday: "ayer"),
        Phrase(after: ["fa"], one: ["un", "una"], units: [
            "minuto": minute, "minuti": minute, "ora": hour, "ore": hour, "giorno": day, "giorni": day,
            "settimana": week, "settimane": week], yesterday: "ieri"),
        Phrase(before: ["há"], one: ["uma", "um"], units: [
            "minuto": minute, "minutos": minute, "hora": hour, "horas": hour, "dia": day, "dias": day,
            "semana": week, "semanas": week], yesterday: "ontem"),
        Phrase(after: ["geleden"], one: ["een"], units: [
            "minuut": minute, "minuten": minute, "uur": hour, "dag": day, "dagen": day, "week": week, "weken": week], yesterday: "gisteren"),
        // Polish leaves "one" out ("godzinę temu": an hour ago); a plural without a number is "a few" ("kilka dni temu").
        Phrase(after: ["temu"], one: [], units: [
            "minutę": minute, "minuty": minute, "minut": minute, "godzinę": hour, "godziny": hour, "godzin": hour,
            "dzień": day, "dni": day, "tydzień": week, "tygodnie": week, "tygodni": week],
               bare: ["minutę", "godzinę", "dzień", "tydzień"], yesterday: "wczoraj"),
    ]

    /// Words that may follow "yesterday" before its time: at, um … Uhr, à, a las, alle, às, om, o, godz.
    private static let timeWords: Set<String> = ["at", "um", "uhr", "à", "a", "las", "alle", "às", "om", "o", "godz", "h"]

    /// The date (`YYYY-MM-DD`, UTC) `text` names relative to `fetchedAt` (seconds since 1970), if it names one.
    static func date(in text: String, fetchedAt: Double) -> String? {
        seconds(in: text).map { DateText.utcDate(fetchedAt - $0) }
    }

    /// How long before the fetch `text` says the page appeared.
    static func seconds(in text: String) -> Double? {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard let first = words.first else { return nil }
        for phrase in phrases {
            // "Yesterday, 14:30" or "gestern um 9 Uhr", not "Yesterday's winners".
            if first == phrase.yesterday, words.dropFirst().allSatisfy({ $0.allSatisfy(\.isNumber) || timeWords.contains($0) }) { return day }
            for start in words.indices {
                if let seconds = match(phrase, words, at: start) { return seconds }
            }
        }
        return nil
    }

    /// `phrase` at `words[start...]`: its words before, an amount (or a bare unit), a unit, its words after.
    private static func match(_ phrase: Phrase, _ words: [String], at start: Int) -> Double? {
        var index = start
        for word in phrase.before {
            guard index < words.count, words[index] == word else { return nil }
            index += 1
        }
        var amount = 1.0
        if index < words.count, let number = Double(words[index]), number >= 0, number < 1_000 {
            amount = number
            index += 1
        } else if index < words.count, phrase.one.contains(words[index]) {
            index += 1
        } else if index >= words.count || !phrase.bare.contains(words[index]) {
            return nil
        }
        guard index < words.count, let unit = phrase.units[words[index]] else { return nil }
        index += 1
        for word in phrase.after {
            guard index < words.count, words[index] == word else { return nil }
            index += 1
        }
        return amount * unit
    }
}
