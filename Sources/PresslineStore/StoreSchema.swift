import GRDB

/// The store's schema, as named migrations. Never edit one after it has landed; add another.
///
/// `articles.record` is empty in rows saved by current builds: their record is assembled from the columns and
/// the rows of the other tables (``ArticleRecord/init(row:in:)``). Rows saved by older builds keep it there as
/// JSON (`StoreStageTests`).
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 articles, entities, mentions, quotes, dates, fts") { db in
            try db.execute(sql: """
                CREATE TABLE articles (
                    id          TEXT NOT NULL PRIMARY KEY,
                    url         TEXT,
                    site        TEXT,
                    title       TEXT,
                    authors     TEXT NOT NULL DEFAULT '[]',   -- JSON array of names
                    published   TEXT,
                    language    TEXT,
                    text        TEXT NOT NULL,
                    keywords    TEXT NOT NULL DEFAULT '[]',
                    summary     TEXT,
                    record      TEXT NOT NULL,                -- the whole ArticleRecord as JSON
                    stored_at   REAL NOT NULL,
                    updated_at  REAL NOT NULL
                );
                CREATE TABLE entities (
                    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    type        TEXT NOT NULL CHECK (type IN ('PERSON', 'ORG', 'LOC')),
                    name        TEXT NOT NULL,
                    roles       TEXT NOT NULL DEFAULT '[]',
                    mentions    INTEGER NOT NULL,
                    PRIMARY KEY (article_id, type, name)
                );
                CREATE INDEX entities_by_name ON entities(type, name);
                CREATE TABLE mentions (
                    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    start       INTEGER NOT NULL,
                    "end"       INTEGER NOT NULL,
                    text        TEXT NOT NULL,
                    type        TEXT NOT NULL,
                    entity      TEXT NOT NULL
                );
                CREATE INDEX mentions_by_article ON mentions(article_id);
                CREATE TABLE quotes (
                    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    start         INTEGER NOT NULL,
                    "end"         INTEGER NOT NULL,
                    text          TEXT NOT NULL,
                    speaker       TEXT,
                    speaker_start INTEGER,
                    speaker_end   INTEGER,
                    medium        TEXT
                );
                CREATE INDEX quotes_by_article ON quotes(article_id);
                CREATE INDEX quotes_by_speaker ON quotes(speaker);
                CREATE TABLE dates (
                    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    start       INTEGER NOT NULL,
                    "end"       INTEGER NOT NULL,
                    text        TEXT NOT NULL,
                    value       TEXT
                );
                CREATE INDEX dates_by_article ON dates(article_id);
                -- Full-text index keyed by the article's rowid, which an upsert keeps.
                CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
                """)
        }
        migrator.registerMigration("v2 partial quotes") { db in
            // One- or two-word quotations (the record's `fragments`) sit with the quotes, marked.
            try db.execute(sql: "ALTER TABLE quotes ADD COLUMN partial INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v3 full-text index reads the articles table") { db in
            // The index kept its own copy of every title and text beside the articles table's, written with
            // every article. As an external-content index it reads them from `articles`
            // (by rowid, which an upsert keeps); `ArticleStore` deletes an entry with the values it indexed.
            try db.execute(sql: """
                DROP TABLE articles_fts;
                CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content = 'articles', content_rowid = 'rowid',
                                                             tokenize = 'unicode61 remove_diacritics 2');
                INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
                """)
        }
        migrator.registerMigration("v4 sources and replacements") { db in
            // Where each article's page came from, and every time a stored article was replaced by another
            // page (which, when, from where): a canonical link can name any article's URL.
            try db.execute(sql: """
                ALTER TABLE articles ADD COLUMN source TEXT;
                CREATE TABLE replacements (
                    article_id  TEXT NOT NULL,
                    replaced_at REAL NOT NULL,
                    old_source  TEXT,
                    new_source  TEXT,
                    old_title   TEXT,
                    new_title   TEXT
                );
                CREATE INDEX replacements_by_article ON replacements(article_id);
                """)
        }
        migrator.registerMigration("v5 pages") { db in
            // Pages that are no article (listings, product, forum, service, documentation and collection pages),
            // kept apart so that `articles` holds articles only.
            try db.execute(sql: """
                CREATE TABLE pages (
                    id         TEXT PRIMARY KEY,
                    url        TEXT,
                    source     TEXT,
                    type       TEXT NOT NULL,
                    score      REAL,
                    title      TEXT,
                    site       TEXT,
                    stored_at  REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX pages_by_type ON pages(type, updated_at);
                """)
        }
        return migrator
    }
}
