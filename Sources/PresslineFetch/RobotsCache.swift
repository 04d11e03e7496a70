import Foundation
import PresslineCore
import Synchronization

/// Each site's robots.txt, read once and kept for a day (RFC 9309 section 2.4), shared by the fetch threads
/// of a process. One that could not be read is asked again after a minute rather than a day: the site may be
/// back, and until then nothing of it is fetched (`FetchStageTests.robots`).
final class RobotsCache: Sendable {
    static let keepFor = Duration.seconds(24 * 3600)
    static let retryUnreadableAfter = Duration.seconds(60)

    private let entries = Mutex<[String: (robots: RobotsTxt, expires: ContinuousClock.Instant)]>([:])

    /// The rules for `url`'s site, read with `read` when not known or expired.
    func rules(for url: URL, read: (URL) throws(StageFailure) -> RobotsTxt) throws(StageFailure) -> RobotsTxt {
        guard let site = Self.site(of: url), let robotsURL = URL(string: site + "/robots.txt") else { return .allowAll }
        let now = ContinuousClock.now
        if let known = entries.withLock({ $0[site] }), known.expires > now { return known.robots }
        let robots = try read(robotsURL)
        let lifetime = robots.unreadable ? Self.retryUnreadableAfter : Self.keepFor
        entries.withLock { $0[site] = (robots, now + lifetime) }
        return robots
    }

    /// Scheme, host and port: robots.txt rules hold for exactly that authority.
    static func site(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}
