// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Pressline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pressline", targets: ["pressline"]),
        .executable(name: "pressline-queue", targets: ["pressline-queue"]),
        .executable(name: "pressline-fetch", targets: ["pressline-fetch"]),
        .executable(name: "pressline-clean", targets: ["pressline-clean"]),
        .executable(name: "pressline-extract", targets: ["pressline-extract"]),
        .executable(name: "pressline-store", targets: ["pressline-store"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C libraries from Debian (libzmq3-dev, libxml2-dev).
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // zlib, for gzip sitemaps and WARC files (zlib1g-dev).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Brotli's decoder, for `Content-Encoding: br` (libbrotli-dev).
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlidec", providers: [.apt(["libbrotli-dev"])]),

        // glibc's allocator settings (mallopt), which Glibc's module leaves out.
        .systemLibrary(name: "CMalloc"),
        // A bump allocator for libxml2 while it parses a page (the clean stage).
        .target(name: "CParseArena"),

        // A thin Swift wrapper over libzmq: context, sockets, frames, polling.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),

        // The JSON every hop carries: a pull reader and a writer (measured against Foundation: docs/BENCHMARKS.md).
        .target(name: "PresslineJSON"),

        // Documents, records, the Stage protocol, pipeline configuration, article ids. No wire, no sockets, no SQLite, no process plumbing.
        .target(name: "PresslineCore", dependencies: [
            "PresslineJSON", .product(name: "TOMLKit", package: "TOMLKit"), .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // The messages the queue, its workers and its clients exchange over ZeroMQ: header, envelope, limits,
        // status and job reports. Stage libraries never see it.
        .target(name: "PresslineWire", dependencies: ["PresslineCore", "PresslineJSON", .product(name: "Crypto", package: "swift-crypto")]),

        // Process plumbing every executable shares: signals, logging, allocator settings, key and lock files.
        .target(name: "PresslineRuntime", dependencies: [
            "PresslineCore", "CMalloc", .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Stage logic: document in, document out. Each imports only Core (and JSON).
        .target(name: "PresslineFetch", dependencies: [
            "PresslineCore", "CZlib", "CBrotli", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .target(name: "PresslineClean", dependencies: ["PresslineCore", "PresslineJSON", "CLibXML2", "CParseArena"],
                resources: [.copy("Resources/pagetype-model.json")]),
        .target(name: "PresslineExtract", dependencies: ["PresslineCore"], resources: [.copy("Resources/ner-model.bin")]),
        .target(name: "PresslineStore", dependencies: [
            "PresslineCore", "PresslineJSON", "PresslineRuntime",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),

        // The queue: journal, scheduling, routing over ZeroMQ.
        .target(name: "PresslineQueue", dependencies: [
            "PresslineCore", "PresslineWire", "PresslineJSON", "PresslineRuntime", "ZeroMQ", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The worker side of the wire: credit, heartbeats, drain.
        .target(name: "PresslineWorker", dependencies: [
            "PresslineCore", "PresslineWire", "PresslineJSON", "PresslineRuntime", "ZeroMQ", .product(name: "Logging", package: "swift-log"),
        ]),
        // The client side of the submit socket: SUBMIT with a window, STATUS, JOBS, RETRY (the CLI and tests).
        .target(name: "PresslineClient", dependencies: ["PresslineCore", "PresslineWire", "PresslineRuntime", "PresslineJSON", "ZeroMQ"]),

        // Thin executables.
        .executableTarget(name: "pressline-queue", dependencies: ["PresslineQueue", "PresslineCore", "PresslineRuntime"]),
        .executableTarget(name: "pressline-fetch", dependencies: ["PresslineWorker", "PresslineFetch"]),
        .executableTarget(name: "pressline-clean", dependencies: ["PresslineWorker", "PresslineClean", "PresslineCore"]),
        .executableTarget(name: "pressline-extract", dependencies: ["PresslineWorker", "PresslineExtract", "PresslineCore"]),
        .executableTarget(name: "pressline-store", dependencies: ["PresslineWorker", "PresslineStore"]),
        // Trains the entity tagger's model from ../shared/bench/ner-train (docs/MODELS.md).
        .executableTarget(name: "pressline-train-ner", dependencies: ["PresslineExtract"]),
        // Trains the page-type model from ../shared/bench/wcxb-dev's tune half (docs/MODELS.md).
        .executableTarget(name: "pressline-train-pagetype", dependencies: [
            "PresslineClean", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "pressline", dependencies: [
            "PresslineCore", "PresslineWire", "PresslineJSON", "PresslineRuntime", "PresslineClient", "ZeroMQ", "PresslineQueue",
            "PresslineClean", "PresslineExtract", "PresslineStore", "PresslineFetch",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Test support: a real HTTP server on loopback, free ports, the shared data beside the clone.
        .target(name: "PresslineTesting", path: "Sources/PresslineTesting"),

        // A test target per library.
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ", "PresslineTesting"]),
        .testTarget(name: "PresslineCoreTests", dependencies: ["PresslineCore", "PresslineJSON"]),
        .testTarget(name: "PresslineWireTests", dependencies: ["PresslineWire", "PresslineCore", "PresslineJSON"]),
        .testTarget(name: "PresslineRuntimeTests", dependencies: ["PresslineRuntime", "PresslineCore", "PresslineTesting"]),
        .testTarget(name: "PresslineQueueTests", dependencies: [
            "PresslineQueue", "PresslineCore", "PresslineWire", "PresslineTesting", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "PresslineWorkerTests", dependencies: [
            "PresslineWorker", "PresslineCore", "PresslineWire", "PresslineJSON", "PresslineRuntime", "ZeroMQ", "PresslineTesting",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "PresslineFetchTests", dependencies: ["PresslineFetch", "PresslineCore", "PresslineTesting"]),
        .testTarget(name: "PresslineCleanTests", dependencies: ["PresslineClean", "PresslineCore", "PresslineTesting"]),
        .testTarget(name: "PresslineExtractTests", dependencies: ["PresslineExtract", "PresslineCore", "PresslineTesting"]),
        .testTarget(name: "PresslineStoreTests", dependencies: [
            "PresslineStore", "PresslineCore", "PresslineTesting", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "IntegrationTests", dependencies: [
            "PresslineCore", "PresslineWire", "PresslineJSON", "PresslineRuntime", "ZeroMQ", "PresslineTesting", "PresslineClean", "PresslineExtract", "PresslineStore", "PresslineQueue",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
