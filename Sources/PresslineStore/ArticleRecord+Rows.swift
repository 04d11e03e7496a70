import Foundation
import GRDB
import PresslineCore
import PresslineJSON

extension ArticleRecord {
    /// The record of the `articles` row `row`, assembled from its columns and its rows in `entities`, `mentions`,
    /// `quotes` and `dates`, each list in the order it was saved (rowid order).
    ///
    /// ```swift
    /// let record = try ArticleRecord(row: articleRow, in: db)
    /// ```
    init(row: Row, in db: Database) throws {
        let id: String = row["id"]
        self.init(id: id, url: row["url"], site: row["site"], title: row["title"], authors: try Self.strings(row["authors"]),
                  published: row["published"], language: row["language"], text: row["text"])
        source = row["source"]
        keywords = try Self.strings(row["keywords"])
        summary = row["summary"]
        let arguments: StatementArguments = [id]
        for entity in try Row.fetchAll(db, sql: "SELECT type, name, roles, mentions FROM entities WHERE article_id = ? ORDER BY rowid", arguments: arguments) {
            switch entity["type"] as String {
            case "PERSON": people.append(Person(name: entity["name"], roles: try Self.strings(entity["roles"]), mentions: entity["mentions"]))
            case "ORG": organizations.append(NamedEntity(name: entity["name"], mentions: entity["mentions"]))
            default: places.append(NamedEntity(name: entity["name"], mentions: entity["mentions"]))
            }
        }
        mentions = try Row.fetchAll(db, sql: #"SELECT text, start, "end", type, entity FROM mentions WHERE article_id = ? ORDER BY rowid"#, arguments: arguments).map { mention in
            Mention(text: mention["text"], start: mention["start"], end: mention["end"],
                    type: EntityType(rawValue: mention["type"]) ?? .person, entity: mention["entity"])
        }
        for quote in try Row.fetchAll(db, sql: """
            SELECT text, start, "end", speaker, speaker_start, speaker_end, medium, partial FROM quotes WHERE article_id = ? ORDER BY rowid
            """, arguments: arguments) {
            let item = Quote(text: quote["text"], start: quote["start"], end: quote["end"], speaker: quote["speaker"],
                             speakerStart: quote["speaker_start"], speakerEnd: quote["speaker_end"], medium: quote["medium"])
            if quote["partial"] as Bool { fragments.append(item) } else { quotes.append(item) }
        }
        dates = try Row.fetchAll(db, sql: #"SELECT text, start, "end", value FROM dates WHERE article_id = ? ORDER BY rowid"#, arguments: arguments).map { date in
            DateMention(text: date["text"], start: date["start"], end: date["end"], value: date["value"])
        }
    }

    /// A column holding a JSON array of strings.
    private static func strings(_ json: String) throws -> [String] {
        try JSON.decoder.decode([String].self, from: Data(json.utf8))
    }
}
