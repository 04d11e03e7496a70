import Foundation
import Synchronization

/// Free TCP ports on loopback.
public enum FreePort {
    /// A port nothing listens on now, below the kernel's ephemeral range and never handed out twice in this
    /// process. A port from that range (what binding port 0 returns) can become the source port of any outgoing
    /// connection, another test's, before the server it was found for binds it ("address already in use" from a
    /// queue started on a port just found free, while the suites beside it connect; FreePortTests).
    public static func find() throws -> Int {
        let low = ephemeralRangeStart
        guard low > firstCandidate + 1_000 else { return try bound(port: 0) }
        for _ in 0..<500 {
            let port = Int.random(in: firstCandidate..<low)
            guard handedOut.withLock({ $0.insert(port).inserted }), let found = try? bound(port: port) else { continue }
            return found
        }
        throw POSIXError(.EADDRINUSE)
    }

    /// Ports below this are left to services of the machine.
    private static let firstCandidate = 20_000
    private static let handedOut = Mutex<Set<Int>>([])

    /// The first port of `net.ipv4.ip_local_port_range` (Linux), 32768 where it cannot be read; read once.
    private static let ephemeralRangeStart: Int = {
        let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        return range.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
    }()

    /// Binds `port` (0: any) on loopback and lets it go; the port bound.
    private static func bound(port: Int) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on `port` of `address` (a loopback address).
    public static func isListening(_ port: Int, address: String = "127.0.0.1") -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        return connectLoopback(fd, port: port, address: address)
    }

    /// Connects `fd` to `address`:`port`; true on success.
    static func connectLoopback(_ fd: Int32, port: Int, address host: String = "127.0.0.1") -> Bool {
        precondition(host.hasPrefix("127."), "tests reach loopback addresses only")
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr(host)
        address.sin_port = UInt16(port).bigEndian
        return withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}


/// Stops child processes without Foundation's `waitUntilExit`, which can hang on Linux.
public enum ChildStopper {
    /// SIGTERM, up to `grace` seconds for the process to exit, then SIGKILL; bounded either way.
    public static func stop(_ process: Foundation.Process, grace: Double = 5) {
        let pid = process.processIdentifier
        guard isAlive(pid) else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isAlive(pid) && Date() < deadline { usleep(10_000) }
        if isAlive(pid) {
            kill(pid, SIGKILL)
            let hardDeadline = Date().addingTimeInterval(5)
            while isAlive(pid) && Date() < hardDeadline { usleep(10_000) }
        }
    }

    /// True while `pid` runs; an exited child that is not yet reaped (a zombie) counts as gone.
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(close, offsetBy: 2)] != "Z"
    }
}

/// Fresh folders under the system's temporary directory, removed when the test process exits (a test that
/// fails half-way leaves nothing behind either).
public enum TemporaryFolder {
    /// Creates `pressline-<prefix>-<uuid>` and returns it.
    public static func make(_ prefix: String) -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pressline-\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = removalAtExit
        created.withLock { $0.append(directory) }
        return directory
    }

    /// Creates `pressline-<prefix>-<uuid>` and returns the path of `file` inside it.
    public static func path(_ prefix: String, file: String) -> String {
        make(prefix).appendingPathComponent(file).path
    }

    /// The folders made so far; tests make them in parallel.
    private static let created = Mutex<[URL]>([])

    /// Registered once, on the first folder made.
    private static let removalAtExit: Void = {
        atexit {
            TemporaryFolder.created.withLock { folders in
                for folder in folders { try? FileManager.default.removeItem(at: folder) }
                folders.removeAll()
            }
        }
    }()
}

/// A minimal HTTP/1.0 GET over a loopback socket, with a bounded wait.
public enum LoopbackHTTP {
    /// Connects to 127.0.0.1:`port`, writes `bytes` as they are (no protocol at all), and hangs up.
    /// Returns false when the connection was refused.
    @discardableResult
    public static func sendRaw(port: Int, bytes: [UInt8]) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        guard FreePort.connectLoopback(fd, port: port) else { return false }
        _ = send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL))
        return true
    }

    /// The whole response (status line, headers and body) of `GET path` on 127.0.0.1:`port`.
    public static func get(port: Int, path: String, timeout: Int = 5) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var wait = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        guard FreePort.connectLoopback(fd, port: port) else { return nil }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { return nil }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }
}
