import Foundation
import PresslineCore

/// The directories whose files a `file://` job may read. A fetch worker reads as the user it runs as, and a
/// `file://` URL comes from whoever can submit, so by default it reads nothing (`stages.fetch.file_roots`
/// unset): `pressline push FILE` sends a file's bytes itself and needs no root. A path is judged after its
/// symbolic links and `..` are resolved, so neither leads out of a root (`FileRootsTests`).
///
/// ```swift
/// let roots = FileRoots(["/srv/pages"])
/// let page = try roots.read(URL(fileURLWithPath: "/srv/pages/a.html"), maxBytes: 1 << 20)
/// ```
public struct FileRoots: Sendable, Equatable {
    /// The directories, resolved.
    public let directories: [String]

    public init(_ directories: [String] = []) {
        self.directories = directories.map { Self.resolved($0) ?? $0 }
    }

    /// Reads the file `url` names when it lies under a root.
    func read(_ url: URL, maxBytes: Int) throws(StageFailure) -> Fetched {
        let path = url.path
        guard !directories.isEmpty else {
            throw .permanent("file:// URLs are not read from the queue (\(url.absoluteString)); push the file itself "
                             + "(pressline push \(path)), or list its directory in stages.fetch.file_roots")
        }
        guard let real = Self.resolved(path) else { throw .permanent("cannot read \(path): no such file") }
        guard directories.contains(where: { real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            throw .permanent("\(path) is outside stages.fetch.file_roots (\(directories.joined(separator: ", ")))")
        }
        var status = stat()
        guard stat(real, &status) == 0 else { throw .permanent("cannot read \(path): \(String(cString: strerror(errno)))") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .permanent("\(path) is not a regular file") }
        guard Int(status.st_size) <= maxBytes else { throw .permanent("\(path) is \(status.st_size) bytes; the limit is \(maxBytes)") }
        guard let data = FileManager.default.contents(atPath: real) else { throw .permanent("cannot read \(path): permission denied") }
        let lower = path.lowercased()
        let type = lower.hasSuffix(".html") || lower.hasSuffix(".htm") || CharsetDecoder.looksLikeHTML(data) ? "text/html" : "text/plain"
        let body = CharsetDecoder.decode(data, declared: nil)
        return Fetched(body: body, contentType: type, finalURL: url.absoluteString, status: 200)
    }

    /// The path with every symbolic link and `..` resolved, or nil when it does not exist.
    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
