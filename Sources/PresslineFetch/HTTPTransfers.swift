import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The URLSession delegate under ``HTTPFetcher``: each running request's bytes, response and redirects, kept
/// until the thread that waits for it takes them. Stops a body past its limit and a redirect to a host the
/// fetch stage may not reach, as they happen.
final class HTTPTransfers: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let addresses: AddressPolicy
    private let maxRedirects: Int
    private let lock = NSLock()
    private var running: [Int: Transfer] = [:]

    final class Transfer {
        var data = Data()
        var response: HTTPURLResponse?
        var redirects = 0
        /// Most body bytes kept; past them the transfer stops.
        let limit: Int
        /// Past `limit`, keep the first `limit` bytes as the body (robots.txt) instead of failing.
        let truncates: Bool
        var tooLarge = false
        var truncated = false
        /// Why a redirect was not followed: its target may not be reached.
        var refusal: FetchRefusal?
        var error: (any Error)?
        let done = DispatchSemaphore(value: 0)

        init(limit: Int, truncates: Bool) {
            self.limit = limit
            self.truncates = truncates
        }
    }

    init(addresses: AddressPolicy, maxRedirects: Int) {
        self.addresses = addresses
        self.maxRedirects = maxRedirects
    }

    func start(_ task: URLSessionTask, _ transfer: Transfer) { lock.withLock { running[task.taskIdentifier] = transfer } }

    func end(_ task: URLSessionTask) { lock.withLock { running[task.taskIdentifier] = nil } }

    private func transfer(for task: URLSessionTask) -> Transfer? { lock.withLock { running[task.taskIdentifier] } }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let transfer = transfer(for: dataTask) else { return completionHandler(.cancel) }
        transfer.response = response as? HTTPURLResponse
        if response.expectedContentLength > Int64(transfer.limit) && !transfer.truncates {
            transfer.tooLarge = true
            return completionHandler(.cancel)
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let transfer = transfer(for: dataTask) else { return }
        // Checked before appending, so a body past its cap never makes the buffer grow to hold it.
        guard transfer.data.count + data.count > transfer.limit else { return transfer.data.append(data) }
        if transfer.truncates {
            transfer.data.append(data.prefix(transfer.limit - transfer.data.count))
            transfer.truncated = true
        } else {
            transfer.tooLarge = true
        }
        dataTask.cancel()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        guard let transfer = transfer(for: task) else { return completionHandler(nil) }
        transfer.redirects += 1
        transfer.response = response
        guard transfer.redirects <= maxRedirects else { return completionHandler(nil) }
        do throws(FetchRefusal) {
            guard let target = request.url, ["http", "https"].contains(target.scheme?.lowercased() ?? "") else {
                throw FetchRefusal(message: "'\(request.url?.absoluteString ?? "")' is not an http or https URL")
            }
            try addresses.check(host: target.host ?? "")
            completionHandler(request)
        } catch {
            transfer.refusal = error
            completionHandler(nil)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let transfer = transfer(for: task) else { return }
        if let error, !transfer.tooLarge && !transfer.truncated { transfer.error = error }
        if let response = task.response as? HTTPURLResponse { transfer.response = response }
        transfer.done.signal()
    }
}
