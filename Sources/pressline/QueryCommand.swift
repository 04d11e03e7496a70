import ArgumentParser
import Foundation
import PresslineCore
import PresslineWire
import PresslineClient
import PresslineStore
import PresslineJSON

/// `pressline query`: read what was stored.
struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect stored articles, entities, quotes and failures (read-only).",
        discussion: """
              pressline query articles
              pressline query pages --type listing
              pressline query show t-1a2b3c4d5e6f7a8b --format json
              pressline query search "mineral deal"
              pressline query people --format csv
              pressline query quotes --speaker Rutte
              pressline query failed
            """,
        subcommands: [Articles.self, Pages.self, Show.self, Search.self, People.self, Organizations.self, Places.self, Quotes.self, Failed.self])

    // Declared here too so that `pressline query --db PATH articles` works, options before the subcommand;
    // the subcommands declare the same group, so options may also follow the subcommand.
    @OptionGroup var options: Options

    /// Options every query takes.
    struct Options: ParsableArguments {
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Output format: table, json, ndjson or csv.")
        var format: OutputFormat = .table
        @Option(help: "Rows to show at most.")
        var limit: Int = 50

        func open() throws -> ArticleQueries {
            do { return try ArticleQueries(path: database.db) } catch let error as QueryError {
                printError(error.description)
                throw ExitStatus.noInput
            }
        }
        var writer: ReportWriter { ReportWriter(format: format) }
    }

    struct Articles: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored articles, newest first.")
        @OptionGroup var options: Options
        func run() throws {
            try options.writer.write(try options.open().articles(limit: options.limit), columns: [
                ("id", \.id), ("published", { $0.published ?? "" }), ("site", { $0.site ?? "" }), ("title", { $0.title ?? "" }),
                ("people", { "\($0.people)" }), ("quotes", { "\($0.quotes)" }),
            ])
        }
    }

    struct Pages: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List stored pages that are no article (listings, product, forum, service pages…), newest first.",
            discussion: "The clean stage gives each page a type; only articles go into `query articles`.")
        @OptionGroup var options: Options
        @Option(help: "Only pages of this type: listing, forum, product, service, collection, documentation.")
        var type: String?
        func run() throws {
            try options.writer.write(try options.open().pages(type: type, limit: options.limit), columns: [
                ("id", \.id), ("type", \.type), ("score", { $0.score.map { String(format: "%.2f", $0) } ?? "" }),
                ("title", { $0.title ?? "" }), ("url", { $0.url ?? "" }),
            ])
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one article's full record.")
        @OptionGroup var options: Options
        @Argument(help: "The article id (from `query articles`).") var id: String
        func run() throws {
            guard let record = try options.open().article(id: id) else {
                printError(QueryError.noArticle(id).description)
                throw ExitStatus.noInput
            }
            switch options.format {
            case .json: print(String(decoding: try JSON.pretty(JSONWriter.encode(record)), as: UTF8.self))
            case .ndjson: print(String(decoding: JSONWriter.encode(record), as: UTF8.self))
            default: printRecord(record)
            }
        }

        private func printRecord(_ record: ArticleRecord) {
            print(record.title ?? "(untitled)")
            print([record.site, record.published, record.authors.isEmpty ? nil : "by " + record.authors.joined(separator: ", ")]
                .compactMap { $0 }.joined(separator: " · "))
            print("")
            for person in record.people { print("person  \(person.name)\(person.roles.isEmpty ? "" : " (\(person.roles.joined(separator: "; ")))") ×\(person.mentions)") }
            for org in record.organizations { print("org     \(org.name) ×\(org.mentions)") }
            for place in record.places { print("place   \(place.name) ×\(place.mentions)") }
            for quote in record.quotes { print("quote   \(quote.speaker ?? "?"): “\(quote.text)”") }
            for fragment in record.fragments { print("partial \(fragment.speaker ?? "?"): “\(fragment.text)”") }
            print("")
            print(record.text)
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Full-text search over titles and bodies.")
        @OptionGroup var options: Options
        @Argument(help: "Words that must all appear.") var text: String
        func run() throws {
            try options.writer.write(try options.open().search(text, limit: options.limit), columns: [
                ("id", \.id), ("title", { $0.title ?? "" }), ("snippet", \.snippet),
            ])
        }
    }

    struct People: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "People across all articles, with their roles.")
        @OptionGroup var options: Options
        func run() throws { try writeEntities(options.open().people(limit: options.limit), options: options, roles: true) }
    }

    struct Organizations: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Organizations across all articles.")
        @OptionGroup var options: Options
        func run() throws { try writeEntities(options.open().organizations(limit: options.limit), options: options, roles: false) }
    }

    struct Places: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Places across all articles.")
        @OptionGroup var options: Options
        func run() throws { try writeEntities(options.open().places(limit: options.limit), options: options, roles: false) }
    }

    struct Quotes: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Quotes with their speakers.")
        @OptionGroup var options: Options
        @Option(help: "Only quotes whose speaker's name contains this.") var speaker: String?
        @Flag(help: "Include partial quotations of one or two words (“unfortunate”), marked in the partial column.") var partial = false
        func run() throws {
            try options.writer.write(try options.open().quotes(speaker: speaker, partial: partial, limit: options.limit), columns: [
                ("speaker", { $0.speaker ?? "?" }), ("quote", \.text), ("medium", { $0.medium ?? "" }),
                ("partial", { $0.partial ? "yes" : "" }), ("article", \.article),
            ])
        }
    }

    struct Failed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Jobs that failed or ran out of attempts, with the stage and reason.",
            discussion: "Asks the running queue (--queue, or PRESSLINE_QUEUE). `pressline retry` sends them round again.")
        @OptionGroup var options: Options
        @OptionGroup var queueOptions: QueueOptions
        func run() throws {
            let failures: [JobReport]
            do { failures = try queueOptions.client().failures(limit: options.limit) } catch let failure as QueueClient.Failure {
                printError(failure.description)
                throw ExitStatus.unavailable
            }
            try options.writer.write(failures, columns: [
                ("job", \.job.rawValue), ("state", \.state.rawValue), ("stage", { $0.stage?.rawValue ?? "" }), ("item", { $0.name ?? "" }),
                ("error", { $0.error ?? "" }),
            ])
        }
    }
}

private func writeEntities(_ entities: [EntitySummary], options: Query.Options, roles: Bool) throws {
    var columns: [(String, (EntitySummary) -> String)] = [("name", \.name), ("mentions", { "\($0.mentions)" }), ("articles", { "\($0.articles)" })]
    if roles { columns.append(("roles", { $0.roles.joined(separator: "; ") })) }
    try options.writer.write(entities, columns: columns)
}
