import Foundation
import PresslineCore
import PresslineFetch
import PresslineWire

/// The HTML pages of WARC files as push inputs, read record by record while they are sent (an archive is
/// never held whole), with what each file held said on stderr once it is read.
struct WARCInputs: IteratorProtocol {
    private var paths: [String]
    private var reader: (path: String, reader: WARCReader)?
    /// Files that could not be opened, with why.
    private(set) var unreadable: [(path: String, reason: String)] = []

    init(paths: [String]) { self.paths = paths.reversed() }

    mutating func next() -> InputCollector.Pending? {
        while true {
            if let (path, current) = reader {
                if let page = current.nextPage() {
                    var input = Input(kind: .html, url: page.url, content: page.html, name: page.url)
                    input.fetchedAt = page.fetchedAt
                    return .ready(input)
                }
                printNote("warc \(path): \(current.counts)")
                reader = nil
            }
            guard let path = paths.popLast() else { return nil }
            do { reader = (path, try WARCReader(path: path)) } catch {
                printError("warc \(path): cannot be read (\(error.localizedDescription))")
                unreadable.append((path, error.localizedDescription))
            }
        }
    }
}
