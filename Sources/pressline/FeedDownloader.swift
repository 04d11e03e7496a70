import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PresslineFetch

/// `push --feed`: reads feeds and turns their items into URLs to push, optionally only those dated on or
/// after `since` (an item without a date is kept: nothing says it is old).
struct FeedDownloader {
    let since: Date?
    let timeout: Double

    /// A feed that cannot be read, with why.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The item URLs of the feed at `address`, in the feed's order.
    func urls(of address: String) throws -> (urls: [String], skippedOld: Int) {
        guard let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
            throw Failure(description: "--feed \(address): not an http or https URL")
        }
        let data = try download(url)
        let items: [Feed.Item]
        do { items = try Feed.items(in: data, base: url) } catch {
            throw Failure(description: "--feed \(address): \(error)")
        }
        let kept = items.filter { item in
            guard let since, let published = item.published else { return true }
            return published >= since
        }
        return (kept.map(\.url), items.count - kept.count)
    }

    private func download(_ url: URL) throws -> Data {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.setValue(FetchStage.defaultUserAgent, forHTTPHeaderField: "User-Agent")
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data: data, status: (response as? HTTPURLResponse)?.statusCode, error: error)
            done.signal()
        }
        task.resume()
        guard done.wait(timeout: .now() + timeout) == .success else {
            task.cancel()
            throw Failure(description: "--feed \(url.absoluteString): no answer within \(Int(timeout)) s")
        }
        let (data, status, error) = box.get()
        if let error { throw Failure(description: "--feed \(url.absoluteString): \(error.localizedDescription)") }
        guard let status, (200..<300).contains(status), let data else {
            throw Failure(description: "--feed \(url.absoluteString): answered HTTP \(status ?? 0)")
        }
        return data
    }

    /// The completion handler's results, handed across threads under a lock.
    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: (Data?, Int?, (any Error)?) = (nil, nil, nil)
        func set(data: Data?, status: Int?, error: (any Error)?) { lock.withLock { value = (data, status, error) } }
        func get() -> (Data?, Int?, (any Error)?) { lock.withLock { value } }
    }
}
