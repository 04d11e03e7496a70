import Foundation
import Testing
@testable import PresslineClean

@Suite("Registrable domains")
struct RegistrableDomainTests {
    @Test("the public suffix plus one label; hosts of one owner match, neighbours under a shared suffix do not")
    func domains() throws {
        #expect(RegistrableDomain.of("www.bbc.co.uk") == "bbc.co.uk")
        #expect(RegistrableDomain.of("News.Example.COM.") == "example.com")
        #expect(RegistrableDomain.of("co.uk") == nil)
        #expect(RegistrableDomain.of("127.0.0.1") == nil)
        let same = { (a: String, b: String) in RegistrableDomain.same(URL(string: a)!, URL(string: b)!) }
        #expect(same("https://m.example.com/a", "https://www.example.com/a"))
        #expect(!same("https://example.com/a", "https://example.org/a"))
        #expect(!same("http://127.0.0.2:80/a", "http://127.0.0.3:80/a"))
        #expect(same("http://127.0.0.2:80/a", "http://127.0.0.2:81/b"))
        if RegistrableDomain.rules != nil {
            // Under the list, a shared hosting suffix separates its tenants.
            #expect(!same("https://alice.github.io/a", "https://bob.github.io/a"))
        } else {
            print("/usr/share/publicsuffix absent (Debian package publicsuffix): shared-suffix case skipped")
        }
    }
}
