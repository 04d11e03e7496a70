import Foundation
import Testing
@testable import PresslineQueue

@Suite("Metrics requests and periodic work")
struct MetricsRequestsTests {
    @Test("a request is whole at its blank line, in any number of frames, per connection; an oversize one is refused")
    func assembly() {
        var requests = MetricsRequests()
        let a = Data("a".utf8), b = Data("b".utf8)
        #expect(requests.receive(Data(), from: a) == .incomplete)
        #expect(requests.receive(Data("GET /met".utf8), from: a) == .incomplete)
        #expect(requests.receive(Data("POST /x HTTP/1.1\n\n".utf8), from: b) == .request(method: "POST", path: "/x"))
        #expect(requests.receive(Data("rics HTTP/1.1\r\nHost: x\r\n\r\n".utf8), from: a) == .request(method: "GET", path: "/metrics"))
        #expect(requests.pending == 0)
        #expect(requests.receive(Data("GET /".utf8), from: a) == .incomplete)
        #expect(requests.receive(Data(), from: a) == .incomplete, "a closed connection's part is dropped")
        #expect(requests.pending == 0)
        #expect(requests.receive(Data(String(repeating: "X", count: MetricsRequests.maxBytes + 1).utf8), from: b) == .tooLarge)
        #expect(requests.pending == 0)
    }

    @Test("periodic work is due once per interval")
    func every() {
        var timer = Every(10)
        #expect(timer.due(100) && !timer.due(105) && timer.due(110) && !timer.due(119.9))
    }
}
