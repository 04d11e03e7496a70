import Testing
@testable import PresslineCore

@Suite("TOML reader")
struct TOMLTests {
    @Test("TOML 1.0 as toml++ reads it: inline tables, dotted keys and multi-line strings flatten like tables")
    func fullTOML() throws {
        let table = try TOML.parse("""
            stages.clean = { workers = 3, prefetch = 4 }
            [queue]
            metrics.note = \"\"\"
            two
            lines\"\"\"
            """)
        #expect(table["stages.clean.workers"] == .integer(3) && table["stages.clean.prefetch"] == .integer(4))
        #expect(table["queue.metrics.note"] == .string("two\nlines"))
    }

    @Test("tables, strings, numbers, booleans, arrays and comments")
    func values() throws {
        let table = try TOML.parse("""
            # a comment
            name = "pressline"   # trailing comment
            [queue]
            window = 1_000
            lease = 2.5
            debug = false
            path = 'C:\\raw # not a comment'
            [pipeline.entry]
            stages = [
              "fetch", # first
              "clean",
            ]
            """)
        #expect(table["name"] == .string("pressline"))
        #expect(table["queue.window"] == .integer(1000))
        #expect(table["queue.lease"] == .float(2.5))
        #expect(table["queue.debug"] == .boolean(false))
        #expect(table["queue.path"] == .string("C:\\raw # not a comment"))
        #expect(table["pipeline.entry.stages"] == .array([.string("fetch"), .string("clean")]))
    }

    @Test("errors name the line and what toml++ found", arguments: [
        ("a = 1\nb = \"open", 2, "parsing string"),
        ("a = 1\n[queue\n", 2, "table header"),
        ("a = 1\na = 2", 2, "redefine"),
        ("just words", 1, "expected '='"),
        ("x = bare", 1, "value type"),
        ("x = [1, 2", 1, "parsing array"),
        ("when = 2025-03-01", 1, "no pipeline setting takes"),
    ])
    func errors(text: String, line: Int, message: String) {
        #expect {
            _ = try TOML.parse(text)
        } throws: { error in
            guard let error = error as? TOML.SyntaxError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }
}
