import Foundation
import PresslineTesting
import Testing

@Suite("Free loopback ports for tests")
struct FreePortTests {
    @Test("ports come from below the kernel's ephemeral range, never twice, and can be bound")
    func outsideEphemeralRange() throws {
        let range = try String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)
        let low = try #require(range.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) })
        let ports = try (0..<50).map { _ in try FreePort.find() }
        #expect(Set(ports).count == ports.count, "a port handed out twice: \(ports)")
        if low > 21_000 {
            #expect(ports.allSatisfy { $0 < low }, "an outgoing connection may take a port from the ephemeral range: \(ports)")
        } else {
            print("ephemeral range starts at \(low): ports come from it, as binding port 0 gives them")
        }
        #expect(ports.allSatisfy { !FreePort.isListening($0) })
    }
}
