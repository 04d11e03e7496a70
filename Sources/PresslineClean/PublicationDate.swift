import Foundation

/// The publication date: structured data first, then meta tags, `<time>`, a visible dateline, the URL.
/// An "updated" date is never taken for the publication date, and a page without one gets none.
enum PublicationDate {
    /// Class or id fragments of elements that show the date.
    static let datelineHints = HintSet(["date", "time", "posted", "published", "byline", "meta", "dateline"])
    /// Words that mark a date as something other than the publication date.
    static let notPublication = ["updated", "modified", "copyright", "©", "comment", "reply"]
    /// A dateline longer than this (characters) is prose, not a dateline.
    static let maxDatelineChars = 120

    /// What ``find(linked:page:canonicalURL:window:fetchedAt:)`` found.
    struct Finding {
        /// The publication date, `YYYY-MM-DD`.
        var date: String?
        /// Whether the headline shows a date, published or updated, whichever `date` is: a story's mark that
        /// service and product pages lack even where their markup carries a date (the page-type model reads it).
        var shownNearHeadline = false
    }

    /// `fetchedAt`: when the page was fetched (seconds since 1970), for a date shown as "3 hours ago".
    static func find(linked: LinkedData, page: PageIndex, canonicalURL: String?, window: HeadlineWindow, fetchedAt: Double?) -> Finding {
        // A publication date shown by the headline is what readers see, and beats the markup's; an
        // "updated" date shown there comes last, after every machine-readable publication date. A relative
        // one ("vor 3 Stunden") is counted from the fetch, so any date the page states exactly goes first.
        var updated: String?, relative: String?
        let original = originallyPublished(in: page)
        let shown = nearHeadline(window, fetchedAt: fetchedAt, updated: &updated, relative: &relative)
        let shownNearHeadline = shown != nil || updated != nil || relative != nil
        let date = original ?? shown ?? markedOrShownElsewhere(linked: linked, page: page, canonicalURL: canonicalURL, updated: updated, relative: relative)
        return Finding(date: date, shownNearHeadline: shownNearHeadline)
    }

    /// The date where the headline shows none: structured data, meta tags, `<time>`, a dateline, the URL; else
    /// the `relative` or `updated` date the headline showed.
    private static func markedOrShownElsewhere(linked: LinkedData, page: PageIndex, canonicalURL: String?, updated: String?,
                                               relative: String?) -> String? {
        var updated = updated
        if let date = DateText.isoDate(linked.datePublished) { return date }
        if let date = DateText.isoDate(page.meta("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                                                 "publish-date", "publication_date", "published", "published-date", "dc.date.issued", "dc.date", "date",
                                                 "sailthru.date", "parsely-pub-date", "article.published")) { return date }
        for time in page.elements(named: "time") where !saysNotPublication(time) {
            if let date = DateText.isoDate(time.attribute("datetime")) ?? DateText.visibleDate(time.textContent) { return date }
        }
        if let date = DateText.isoDate(linked.pageDatePublished) { return date }
        for element in page.root.descendants(where: { datelineHints.matches($0) }) {
            let text = TextNormalizer.collapseSpaces(element.textContent)
            guard text.count <= maxDatelineChars, let date = DateText.visibleDate(text) else { continue }
            switch kind(of: labelled(element, text)) {
            case .published: return date
            case .updated: updated = updated ?? date
            case .other: continue
            }
        }
        // A page that shows only when it was updated is dated by that (readers see no other date).
        return relative ?? updated ?? canonicalURL.flatMap(urlDate)
    }

    /// A note that says when the article first appeared ("This article was originally published on 26 Sep 2019
    /// but has been updated"): republished pages put their new date in the markup, and the note is the truth.
    static let maxOriginalNoteChars = 200
    private static let originalNote = HintSet(["originally published on "])

    private static func originallyPublished(in page: PageIndex) -> String? {
        // Each paragraph is read only up to the note's length: most are prose, far longer.
        for paragraph in page.elements(named: "p") where paragraph.hasText(containingWord: "originally") {
            // The byte match first: Foundation's `range(of:)` on every short paragraph cost more than the walk.
            guard let text = paragraph.spacedText(upTo: maxOriginalNoteChars), originalNote.matches(text),
                  let range = text.range(of: "originally published on ", options: .caseInsensitive) else { continue }
            // The date must follow the phrase ("… on 26 Sep 2019 at 4:12pm"), not name another outlet.
            if let date = DateText.visibleDate(String(text[range.upperBound...].prefix(24))) { return date }
        }
        return nil
    }

    /// A date element is short: the date, perhaps a "Published" label and a reading time.
    static let maxDateElementChars = 60

    /// A date shown on its own near the headline, whatever its class names say ("December 18, 2025 · 3 min
    /// read", "Updated October 23, 2025", "2/24/2026"): where most pages put it. The window ends where the
    /// body begins, so dates of teasers and comments further down are never taken.
    private static func nearHeadline(_ window: HeadlineWindow, fetchedAt: Double?, updated: inout String?, relative: inout String?) -> String? {
        for element in window.elements {
            // Only the element's own text: a wrapper's text runs its children's together ("July 30,
            // 2019January 18, 2023"), and the children are visited anyway.
            let text = TextNormalizer.collapseSpaces(element.children.filter(\.isText).map(\.ownText).joined(separator: " "))
            guard text.count <= maxDateElementChars else { continue }
            let exact = DateText.visibleDate(text) ?? DateText.numericDate(text)
            guard let date = exact ?? fetchedAt.flatMap({ RelativeDate.date(in: text, fetchedAt: $0) }) else { continue }
            switch kind(of: labelled(element, text)) {
            case .published where exact != nil: return date
            case .published: relative = relative ?? date
            case .updated: updated = updated ?? date
            case .other: continue
            }
        }
        return nil
    }

    enum DateKind { case published, updated, other }

    /// The date's text with its label, where the label sits in a sibling
    /// (`<span>Last updated:</span><span>Feb 4, 2025</span>`): the shortest ancestor text that says more.
    private static func labelled(_ element: Node, _ text: String) -> String {
        // A class saying "updated" or "comment" labels the date as well as a word does (`<time class="updated">`).
        let classes = String(decoding: element.classAndIDBytes + (element.parent?.classAndIDBytes ?? []), as: UTF8.self)
        if classes.contains("updated") || classes.contains("modified") { return "updated " + text }
        if classes.contains("comment") { return "comment " + text }
        var current = element.parent
        for _ in 0..<2 {
            guard let node = current else { break }
            let wider = TextNormalizer.collapseSpaces(node.textContent)
            if wider.count > maxDateElementChars + 30 { break }
            if wider.count > text.count { return wider }
            current = node.parent
        }
        return text
    }

    /// What a short text with a date says the date is.
    static func kind(of text: String) -> DateKind {
        let lower = text.lowercased()
        // Activity and copyright dates say nothing of publication; two dates make a span (an event's).
        if ["copyright", "©", "comment", "reply", "last active", "last seen"].contains(where: lower.contains) { return .other }
        for dash in [" - ", " – ", " to "] {
            let sides = lower.components(separatedBy: dash)
            if sides.count == 2, sides.allSatisfy({ DateText.visibleDate($0) != nil }) { return .other }
        }
        if LanguageWords.updatedWords.contains(where: lower.contains) && !LanguageWords.publishedWords.contains(where: lower.contains) { return .updated }
        return .published
    }

    private static func saysNotPublication(_ node: Node) -> Bool {
        var current: Node? = node
        for _ in 0..<3 {
            guard let element = current else { break }
            let hints = element.classAndID + " " + (element.attribute("itemprop") ?? "").lowercased()
            if notPublication.contains(where: hints.contains) || hints.contains("datemodified") { return true }
            current = element.parent
        }
        return notPublication.contains(where: TextNormalizer.collapseSpaces(node.parent?.textContent ?? "").lowercased().prefix(40).contains)
    }

    /// "/2025/03/01/" in the canonical URL.
    private static func urlDate(_ url: String) -> String? {
        let parts = url.split(separator: "/")
        for index in parts.indices.dropLast(2) {
            if parts[index].count == 4, let year = Int(parts[index]), let month = Int(parts[index + 1]), let day = Int(parts[index + 2].prefix(2)),
               parts[index + 1].count <= 2, let date = DateText.format(year: year, month: month, day: day) { return date }
        }
        return nil
    }
}
