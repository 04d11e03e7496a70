import ArgumentParser
import Foundation
import PresslineClient
import PresslineCore
import PresslineFetch
import PresslineRuntime
import PresslineWire

/// `pressline watch`: polls feeds and sitemaps and pushes their new URLs, for as long as it runs.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Poll feeds and sitemaps, and push each URL they list that was not pushed before.",
        discussion: """
              pressline watch --feed https://example.com/rss.xml --sitemap https://example.com/news-sitemap.xml
              pressline watch --once          # poll every source once, then stop (cron)

            Each poll is a conditional GET (If-None-Match, If-Modified-Since): an unchanged source answers 304
            and costs nothing. The sitemaps a sitemap index lists are watched too (at most 1,000 sources). A
            source's interval halves when it lists something new and doubles when it does not, between
            --min-interval and --max-interval. Sources, their validators and intervals, and every
            URL pushed are kept in DATA-DIR/watch.db, so a restart goes on where it stopped; a URL is marked
            pushed only once the queue has accepted it. SIGTERM or Ctrl-C stops it between polls.
            """)

    @OptionGroup var queueOptions: QueueOptions

    @Option(help: ArgumentHelp("An RSS, Atom or JSON Feed to watch (repeatable; remembered in watch.db).", valueName: "URL"))
    var feed: [String] = []

    @Option(help: ArgumentHelp("A sitemap or sitemap index to watch (repeatable; remembered in watch.db).", valueName: "URL"))
    var sitemap: [String] = []

    @Option(help: ArgumentHelp("Where watch.db is kept.", valueName: "DIR"))
    var dataDir = "pressline-data"

    @Option(help: "Shortest seconds between two polls of one source.")
    var minInterval: Double = 300

    @Option(help: "Longest seconds between two polls of one source.")
    var maxInterval: Double = 86_400

    @Flag(help: "Poll every source once, due or not, then stop.")
    var once = false

    /// Sources watched at most: sitemap indexes that list themselves, each other or an endless chain of new
    /// sitemaps stop growing here (`WatchTests.sitemapIndex`).
    static let maxSources = 1_000

    func validate() throws {
        guard minInterval > 0, maxInterval >= minInterval else { throw ValidationError("--min-interval must be above 0 and at most --max-interval.") }
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let state: WatchState
        do { state = try WatchState(path: (dataDir as NSString).appendingPathComponent("watch.db")) } catch {
            printError("cannot open \(dataDir)/watch.db: \(error)")
            throw ExitStatus.ioError
        }
        try state.add(feed, kind: "feed", interval: minInterval)
        try state.add(sitemap, kind: "sitemap", interval: minInterval)
        guard try !state.sources().isEmpty else { throw ValidationError("Nothing to watch: give --feed or --sitemap URLs.") }
        let shutdown = ShutdownSignal.install()
        let client = try queueOptions.client()
        let downloader = FeedDownloader(since: nil, timeout: queueOptions.timeout)
        // With --once, the sitemaps an index adds are polled in the same run, in rounds until none is new.
        var polled: Set<String> = []
        repeat {
            let now = Date().timeIntervalSince1970
            let due = try state.sources().filter { once ? !polled.contains($0.url) : $0.nextPoll <= now }
            for var source in due {
                guard !shutdown.requested else { break }
                let fresh = poll(&source, downloader: downloader, state: state, client: client, now: now)
                source.interval = min(maxInterval, max(minInterval, fresh > 0 ? source.interval / 2 : source.interval * 2))
                source.nextPoll = now + source.interval
                try state.update(source)
                polled.insert(source.url)
            }
            if once {
                if due.isEmpty || shutdown.requested { return }
                continue
            }
            let next = try state.sources().map(\.nextPoll).min() ?? now + minInterval
            while !shutdown.requested && Date().timeIntervalSince1970 < next { usleep(200_000) }
        } while !shutdown.requested
    }

    /// Polls `source`, pushes what is new, and returns how many URLs were new; a failure is said and counts as none.
    private func poll(_ source: inout WatchState.Source, downloader: FeedDownloader, state: WatchState, client: QueueClient, now: Double) -> Int {
        do {
            guard let url = URL(string: source.url) else { throw FeedDownloader.Failure(description: "\(source.url) is not a URL") }
            let answer = try downloader.conditionalDownload(url, etag: source.etag, lastModified: source.lastModified)
            (source.etag, source.lastModified) = (answer.etag, answer.lastModified)
            guard let data = answer.data else {
                printNote("\(source.url): not modified")
                return 0
            }
            var sitemaps = 0
            let items: [Feed.Item]
            if source.kind == "sitemap" {
                let sitemap = try Sitemap(data)
                items = sitemap.pages
                let children = sitemap.children.compactMap { URL(string: $0, relativeTo: url)?.absoluteURL.absoluteString }
                sitemaps = try state.add(children, kind: "sitemap", interval: minInterval, limit: Self.maxSources)
                if sitemaps < children.count, try state.sources().count >= Self.maxSources {
                    printError("\(source.url): watching \(Self.maxSources) sources already; the rest of this index's sitemaps are left out")
                }
            } else {
                items = try Feed.items(in: data, base: url)
            }
            let listed = items.map(\.url)
            let fresh = try state.unseen(Array(Set(listed.map(URLNormalizer.normalize))).sorted())
            var inputs = fresh.makeIterator()
            let refused = try client.submit({ () -> (job: JobID, payload: Data)? in
                inputs.next().map { (JobID.forURL($0), PayloadAttachment.submission(Input(kind: .url, url: $0, name: $0))) }
            }, progress: { _ in })
            let accepted = fresh.filter { refused[JobID.forURL($0)] == nil }
            try state.markSeen(accepted, at: now)
            printNote("\(source.url): \(listed.count) listed, \(accepted.count) new pushed" + (refused.isEmpty ? "" : ", \(refused.count) refused")
                      + (sitemaps > 0 ? ", \(sitemaps) sitemaps added" : ""))
            return accepted.count + sitemaps
        } catch {
            printError("\(source.url): \(error)")
            return 0
        }
    }
}
