import Testing
@testable import PresslineFetch

/// RFC 9309's rules, each written as a case.
@Suite("robots.txt (RFC 9309)")
struct RobotsTxtTests {
    @Test("the crawler's own group, else the * group; consecutive user-agent lines share one; groups of one agent merge")
    func groups() {
        let text = """
            User-agent: *
            Disallow: /

            User-agent: otherbot
            User-agent: PRESSLINE
            Disallow: /private/
            # a comment between rules
            Disallow: /drafts

            user-agent: pressline
            disallow: /tmp
            """
        let robots = RobotsTxt(text, userAgent: "Pressline/0.1 (+https://example.org)")
        #expect(robots.allows("/news/a.html"))
        #expect(!robots.allows("/private/a.html") && !robots.allows("/drafts/x") && !robots.allows("/tmp/y"))
        let other = RobotsTxt(text, userAgent: "SomeBot/2")
        #expect(!other.allows("/news/a.html"), "an unnamed crawler takes the * group")
        #expect(RobotsTxt("User-agent: otherbot\nDisallow: /\n", userAgent: "Pressline").allows("/x"), "no group for us and no *: all allowed")
    }

    @Test("the longest match decides; Allow wins a tie; an empty Disallow allows; /robots.txt is always allowed")
    func precedence() {
        let robots = RobotsTxt("""
            User-agent: *
            Allow: /p
            Disallow: /
            Disallow: /folder/
            Allow: /folder/page
            Allow: /same
            Disallow: /same
            Disallow:
            """, userAgent: "Pressline")
        #expect(robots.allows("/page") && !robots.allows("/other"))
        #expect(!robots.allows("/folder/x") && robots.allows("/folder/page.html"))
        #expect(robots.allows("/same/thing"), "equal length: Allow wins")
        #expect(robots.allows("/robots.txt"))
        #expect(RobotsTxt("User-agent: *\nDisallow:\n", userAgent: "Pressline").allows("/anything"))
    }

    @Test("* matches any run, $ ends the path; the query is part of what is matched", arguments: [
        ("/*.php$", "/index.php", false), ("/*.php$", "/index.php?x=1", true), ("/*.php", "/a/b.php5", false),
        ("/fish*", "/fishheads/x", false), ("/fish$", "/fish", false), ("/fish$", "/fish/", true),
        ("/*?sort=", "/list?sort=asc", false), ("/*/edit", "/a/b/edit", false), ("/a*b$", "/axxb", false), ("/a*b$", "/axxbc", true),
    ])
    func patterns(pattern: String, path: String, allowed: Bool) {
        #expect(RobotsTxt("User-agent: *\nDisallow: \(pattern)\n", userAgent: "Pressline").allows(path) == allowed, "\(pattern) on \(path)")
    }

    @Test("Crawl-delay and Sitemap lines are kept; only the first 500 KiB is read")
    func extras() {
        let robots = RobotsTxt("Sitemap: https://example.com/news.xml\nUser-agent: *\nCrawl-delay: 2.5\nDisallow: /x\n", userAgent: "Pressline")
        #expect(robots.crawlDelay == 2.5 && robots.sitemaps == ["https://example.com/news.xml"])
        let huge = "User-agent: *\n" + String(repeating: "# padding\n", count: 60_000) + "Disallow: /late\n"
        #expect(RobotsTxt(huge, userAgent: "Pressline").allows("/late"), "a rule past 500 KiB is not read")
    }
}
