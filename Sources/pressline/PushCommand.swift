import ArgumentParser
import Foundation
import PresslineCore
import PresslineRuntime
import PresslineWire
import PresslineJSON
import PresslineClient

/// `pressline push`: send articles to the queue.
struct Push: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Push articles (URLs, files, directories or stdin) into the queue.",
        discussion: """
            Returns once the queue has durably accepted every item. With --wait it
            also waits until each is stored or failed, and prints what happened.

              pressline push https://example.com/news/story.html
              pressline push --wait samples/
              pressline push --wait --feed https://example.com/rss.xml --since 2026-12-01
              pressline push --wait --sitemap https://example.com/news-sitemap.xml
              pressline push --wait --site https://example.com/ --since 2026-12-01
              cat article.txt | pressline push -

            Files ending in .html/.htm are pages; .txt/.text/.md are plain-text articles.
            In a directory, files of other kinds are skipped and named on stderr.
            Exit status: 0 all accepted (and stored, with --wait); 1 some failed;
            65 a named file is not an article; 66 a named file does not exist;
            69 the queue did not answer.
            """)

    @OptionGroup var queueOptions: QueueOptions

    @Flag(help: ArgumentHelp("Fetch URLs again that were pushed before.",
                             discussion: "A URL is one job, whatever its variant (case, default port, fragment, tracking parameters, parameter order): pushed again, it is reported, not fetched again."))
    var refetch = false

    @Flag(help: "Wait until every pushed article is stored or failed, and report each.")
    var wait = false

    @Option(parsing: .unconditional, help: "With --wait: give up after this many seconds.")
    var waitTimeout: Double = 600

    @Option(help: "Publication date (YYYY-MM-DD) to assume for articles that do not state one.")
    var published: String?

    /// What push prints: a line per article, or JSON for scripts.
    enum Format: String, CaseIterable, ExpressibleByArgument { case text, json }

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: ArgumentHelp("An RSS, Atom or JSON Feed whose items' links are pushed (repeatable).", valueName: "URL"))
    var feed: [String] = []

    @Option(help: ArgumentHelp("A sitemap or sitemap index whose pages are pushed (repeatable; nested indexes followed).", valueName: "URL"))
    var sitemap: [String] = []

    @Option(help: ArgumentHelp("A site whose feeds (its home page's alternate links) and sitemaps (its robots.txt's) are pushed.",
                               valueName: "URL"))
    var site: [String] = []

    @Option(help: ArgumentHelp("A WARC file (.warc or .warc.gz) whose HTML responses are pushed as pages, with no network (repeatable).",
                               valueName: "FILE"))
    var warc: [String] = []

    @Option(help: ArgumentHelp("With --feed or --sitemap: only items dated on or after this day (items without a date are kept).", valueName: "YYYY-MM-DD"))
    var since: String?

    @Argument(help: ArgumentHelp("URLs, files, directories, or - for stdin.", valueName: "ITEM"))
    var items: [String] = []

    func validate() throws {
        if items.isEmpty && feed.isEmpty && sitemap.isEmpty && site.isEmpty && warc.isEmpty {
            throw ValidationError("Please give at least one ITEM (a URL, file, directory or -), --feed, --sitemap or --site URL, or --warc FILE.")
        }
        if let missing = warc.first(where: { !FileManager.default.isReadableFile(atPath: $0) }) {
            throw ValidationError("--warc \(missing): no such readable file.")
        }
        if let since, DateParts(since) == nil { throw ValidationError("--since takes a date like 2025-03-01.") }
        if !(waitTimeout > 0) { throw ValidationError("--wait-timeout takes a number of seconds above 0, like 600.") }
        if let published, DateParts(published) == nil { throw ValidationError("--published takes a date like 2025-03-01.") }
    }

    func run() throws {
        var items = self.items
        let sinceDate = since.flatMap { ISO8601DateFormatter().date(from: $0 + "T00:00:00Z") }
        let downloader = FeedDownloader(since: sinceDate, timeout: queueOptions.timeout)
        do {
            var feed = self.feed, sitemap = self.sitemap
            for address in site {
                let found = try downloader.sources(ofSite: address)
                printNote("site \(address): \(found.feeds.count) feed\(found.feeds.count == 1 ? "" : "s"), "
                          + "\(found.sitemaps.count) sitemap\(found.sitemaps.count == 1 ? "" : "s")")
                feed += found.feeds
                sitemap += found.sitemaps
            }
            for address in feed {
                let (urls, old) = try downloader.urls(of: address)
                printNote("feed \(address): \(urls.count) items" + (old > 0 ? " (\(old) older than \(since ?? "") left out)" : ""))
                items += urls
            }
            for address in sitemap {
                let (urls, old, read) = try downloader.urls(ofSitemap: address)
                printNote("sitemap \(address): \(urls.count) pages from \(read) sitemap\(read == 1 ? "" : "s")"
                          + (old > 0 ? " (\(old) older than \(since ?? "") left out)" : ""))
                items += urls
            }
        } catch let failure as FeedDownloader.Failure {
            printError(failure.description)
            throw ExitStatus.unavailable
        }
        guard !items.isEmpty || !warc.isEmpty else {
            printNote("nothing to push: the feeds and sitemaps list no item" + (since.map { " dated \($0) or later" } ?? ""))
            return
        }
        let collected: InputCollector.Collected
        do {
            collected = try InputCollector(published: published).collect(items)
        } catch let error as InputCollector.Failure {
            printError(error.description)
            throw error.exitCode
        }
        for skipped in collected.skipped { printNote("skipped \(skipped.path): \(skipped.reason)") }
        guard !collected.inputs.isEmpty || !warc.isEmpty else {
            printError("nothing to push: no article files among \(items.joined(separator: " "))")
            throw ExitStatus.dataError
        }
        let client = try queueOptions.client()
        let collector = InputCollector(published: published)
        let total = collected.inputs.count
        let showProgress = total >= 20 || !warc.isEmpty
        // Files are read as they go out; one that cannot be read is named and skipped.
        var jobs: [(job: JobID, name: String)] = []
        var files = collected.inputs.makeIterator()
        var archives = WARCInputs(paths: warc)
        let pending = AnyIterator { files.next() ?? archives.next() }
        let next = { () -> (job: JobID, payload: Data)? in
            while let item = pending.next() {
                switch collector.load(item) {
                case .success(let payload):
                    jobs.append((jobID(for: item), item.name))
                    return (jobs.last!.job, payload)
                case .failure(let reason):
                    printNote("skipped \(item.name): \(reason.message)")
                }
            }
            return nil
        }
        let refused: [JobID: String]
        do {
            var shown: Set<String> = []
            refused = try client.submit(next, progress: { accepted in
                if showProgress && (accepted % 50 == 0 || accepted == total) { printNote("accepted \(accepted)" + (warc.isEmpty ? "/\(total)" : "")) }
            }, stalled: {
                // Asked on a socket of its own: the submitting one is waiting for its answers.
                guard let status = try? queueOptions.client().status() else { return }
                for alert in status.alerts where shown.insert(alert).inserted { printNote("waiting: \(alert)") }
            })
        } catch let failure as QueueClient.Failure {
            printError(failure.description)
            throw ExitStatus.unavailable
        }
        guard !jobs.isEmpty else {
            printError("nothing to push: no readable article among \(items.joined(separator: " "))")
            throw ExitStatus.dataError
        }
        let names = Dictionary(jobs.map { ($0.job, $0.name) }, uniquingKeysWith: { first, _ in first })
        for (job, reason) in refused {
            printError("\(names[job] ?? job.rawValue): \(reason)")
        }
        let acceptedJobs = jobs.filter { refused[$0.job] == nil }
        guard wait else {
            report(acceptedJobs.map { JobReport(job: $0.job, state: .pending, name: $0.name) })
            if !refused.isEmpty { throw ExitStatus.someFailed }
            return
        }
        let reports = try waitForOutcomes(client, acceptedJobs.map(\.job), names: names, showProgress: showProgress)
        report(reports)
        if !refused.isEmpty || reports.contains(where: { $0.state != .done }) { throw ExitStatus.someFailed }
    }

    /// A URL's job id comes from its normal form, so that the queue takes a second push of it (or of a variant,
    /// or its page from a WARC file) as the resend of a job it has (`CLITests.urlVariants`); anything else, and
    /// URLs with `--refetch`, get a fresh id.
    private func jobID(for item: InputCollector.Pending) -> JobID {
        guard !refetch, case .ready(let input) = item, let url = input.url, input.kind == .url || input.kind == .html else { return .unique() }
        return .forURL(URLNormalizer.normalize(url))
    }

    /// Seconds without a finished job before `--wait` looks for a stage that no worker serves.
    static let stallSeconds = 3.0
    /// Most job ids asked about per JOBS request while waiting.
    static let reportsPerRequest = 500
    /// Fewest: while the oldest jobs are still open, asking about many of them twice a second costs the queue a
    /// journal look-up each to learn that a few more had finished.
    static let minReportsPerRequest = 32
    /// Pause before asking about the next ids when all asked had finished (keeps the queue's load bounded).
    static let catchUpPause = 0.05
    /// Longest pause between questions while the oldest jobs are still open: a `--wait` ends at most this
    /// long after the last article is stored, which a benchmark run would otherwise count as work.
    static let maxPollPause = 0.2

    private func waitForOutcomes(_ client: QueueClient, _ ids: [JobID], names: [JobID: String], showProgress: Bool) throws -> [JobReport] {
        var final: [JobID: JobReport] = [:]
        var open = ids
        let deadline = monotonicSeconds() + waitTimeout
        var delay = 0.05
        var lastNote = monotonicSeconds()
        var askFor = Self.reportsPerRequest
        var lastProgress = monotonicSeconds()
        var named: Set<StageName> = []
        while !open.isEmpty {
            // The oldest open jobs only: they finish roughly in order, and asking for all of a 100,000-article
            // push twice a second would cost the queue more than moving the articles. As many as finished
            // since the last answer, twice over: about what will have finished by the next.
            let asked = Array(open.prefix(askFor))
            let reports: [JobReport]
            do { reports = try client.reports(asked) } catch let failure as QueueClient.Failure {
                printError(failure.description)
                throw ExitStatus.unavailable
            }
            let finished = reports.filter(\.state.isFinal)
            for report in finished { final[report.job] = report }
            askFor = min(Self.reportsPerRequest, max(Self.minReportsPerRequest, 2 * finished.count))
            open = open.filter { final[$0] == nil }
            if open.isEmpty { break }
            if !finished.isEmpty { lastProgress = monotonicSeconds() }
            // Nothing finished for a while: a stage without workers holds the jobs, and says so once.
            if monotonicSeconds() - lastProgress > Self.stallSeconds, let status = try? client.status() {
                lastProgress = monotonicSeconds()
                for stage in status.stages where stage.workers == 0 && stage.waiting > 0 && named.insert(stage.stage).inserted {
                    printNote("waiting: \(stage.waiting) jobs wait at stage \(stage.stage), which has no worker; "
                              + "start pressline-\(stage.stage) (or set stages.\(stage.stage).workers in the pipeline file)")
                }
            }
            if showProgress && monotonicSeconds() - lastNote >= 1 {
                lastNote = monotonicSeconds()
                printNote("finished \(ids.count - open.count)/\(ids.count)")
            }
            // Everything asked had finished: the next ones may have too — ask again soon, not at once.
            if asked.allSatisfy({ final[$0] != nil }) {
                Thread.sleep(forTimeInterval: Self.catchUpPause)
                continue
            }
            if monotonicSeconds() > deadline {
                printError("\(open.count) articles still unfinished after \(Int(waitTimeout)) s; `pressline status` shows the queue")
                for id in open { final[id] = JobReport(job: id, state: .active, error: "still in progress") }
                break
            }
            Thread.sleep(forTimeInterval: delay)
            delay = min(Self.maxPollPause, delay * 1.5)
        }
        return ids.map { id in
            var report = final[id]!
            report.name = report.name ?? names[id]
            return report
        }
    }

    private func report(_ reports: [JobReport]) {
        if format == .json {
            print(String(decoding: (try? JSON.prettyEncoder.encode(reports)) ?? Data(), as: UTF8.self))
            return
        }
        for report in reports {
            let name = report.name ?? report.job.rawValue
            switch report.state {
            case .done: print("stored   \(name) → \(report.article ?? "?")")
            case .pending, .active: print("queued   \(name) (job \(report.job))")
            default: print("\(report.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(name) at \(report.stage ?? "?"): \(report.error ?? "")")
            }
        }
        if wait {
            let stored = reports.filter { $0.state == .done }.count
            print("\(stored) of \(reports.count) stored" + (stored < reports.count ? "; `pressline query failed` lists failures" : ""))
        }
    }
}

/// A YYYY-MM-DD date, checked.
struct DateParts {
    init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let m = Int(parts[1]), let d = Int(parts[2]), Int(parts[0]) != nil,
              (1...12).contains(m), (1...31).contains(d) else { return nil }
    }
}
