import Testing
@testable import PresslineCore

@Suite("TOML reader")
struct TOMLTests {
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

    @Test("errors name the line", arguments: [
        ("a = 1\nb = \"open", 2, "not closed"),
        ("a = 1\n[queue\n", 2, "table header"),
        ("a = 1\na = 2", 2, "defined twice"),
        ("just words", 1, "expected 'key = value'"),
        ("x = bare", 1, "strings need quotes"),
        ("x = [1, 2", 1, "never closed"),
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
