/// Pages written for the tests, shaped as news sites shape theirs, so that the clean stage's page-type model
/// reads them as what they are: a story (headline, byline, date, paragraphs) or a section front (teasers).
///
/// ```swift
/// let server = try LocalHTTPServer(files: ["story.html": ArticlePage.html(title: "Tram line opens")])
/// ```
public enum ArticlePage {
    /// A story: `title` as headline and in `<title>`, a byline and date, and `paragraphs` (a default body of
    /// four when none are given) inside `<article>`; `head` is added to `<head>` (a canonical link).
    public static func html(title: String, paragraphs: [String] = [], site: String = "The Harbour Times", head: String = "") -> String {
        let body = paragraphs.isEmpty ? defaultParagraphs(title) : paragraphs
        return """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(title) - \(site)</title>
            <meta property="og:type" content="article"><meta property="og:title" content="\(title)">
            <meta property="og:site_name" content="\(site)"><meta name="author" content="Lena Ortiz">
            <meta property="article:published_time" content="2025-03-01T09:00:00Z">\(head)</head>
            <body><header><nav><a href="/">Home</a> <a href="/city/">City</a> <a href="/sport/">Sport</a></nav></header>
            <main><article><h1>\(title)</h1><p class="byline">By Lena Ortiz · <time datetime="2025-03-01">March 1, 2025</time></p>
            \(body.map { "<p>\($0)</p>" }.joined(separator: "\n"))
            </article></main><footer><p>© \(site)</p></footer></body></html>
            """
    }

    /// A section front: a teaser (headline link and one line) for each of `stories`, as (path, headline).
    public static func sectionFront(title: String, stories: [(path: String, headline: String)]) -> String {
        let teasers = stories.map { story in
            """
            <article class="teaser"><a href="\(story.path)"><img src="/images/teaser.jpg" alt=""></a>
            <h3><a href="\(story.path)">\(story.headline)</a></h3><time datetime="2025-03-01">March 1</time></article>
            """
        }
        return """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(title) - The Harbour Times</title>
            <meta property="og:type" content="website"></head>
            <body><header><nav><a href="/">Home</a> <a href="/city/">City</a> <a href="/sport/">Sport</a></nav></header>
            <main><h1>\(title)</h1><section class="teasers">\(teasers.joined(separator: "\n"))</section>
            <p class="pages"><a href="?page=2">Next page</a></p></main><footer><p>© The Harbour Times</p></footer></body></html>
            """
    }

    private static func defaultParagraphs(_ title: String) -> [String] {
        [
            "\(title): the city council approved the plan on Tuesday evening after a debate that lasted more than three hours, officials said.",
            "\"This is a day many residents have waited for,\" said Mayor Ana Ruiz, who had backed the project since her election two years ago.",
            "Opponents argued that the cost, estimated at 40 million dollars, would strain a budget already stretched by repairs to the harbour wall.",
            "Work is expected to begin in the spring and to last about eighteen months, according to the council's own timetable.",
        ]
    }
}
