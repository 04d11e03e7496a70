// swift-tools-version:6.0
// A measurement, not part of Pressline: the same loopback crawl through URLSession (libcurl on Linux, what the
// fetch stage uses) and through async-http-client (SwiftNIO). Run by bench/http-clients.py; docs/BENCHMARKS.md
// keeps what it printed and docs/ARCHITECTURE.md the choice it led to.
import PackageDescription

let package = Package(
    name: "http-clients",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0")],
    targets: [
        .executableTarget(name: "http-clients", dependencies: [.product(name: "AsyncHTTPClient", package: "async-http-client")]),
    ]
)
