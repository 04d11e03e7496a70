import PresslineJSON
// Members are written in sorted key order by hand; `JSONWriterTests.canonicalAndComplete` checks the order
// and escapes against JSONSerialization and that every stored property is written.

extension ArticleRecord: JSONWritable {
    public func write(to writer: inout JSONWriter) { write(to: &writer, doc: nil, error: nil) }

    /// The record with `pressline process`'s own members beside its fields: `doc` (the input's id) and `error`.
    public func write(to writer: inout JSONWriter, doc: String?, error: String?) {
        writer.object { out in
            out.field("authors", authors)
            out.field("dates", dates)
            out.field("doc", doc)
            out.field("entities_skipped", entitiesSkipped)
            out.field("error", error)
            out.field("fragments", fragments)
            out.field("id", id)
            out.field("keywords", keywords)
            out.field("language", language)
            out.field("mentions", mentions)
            out.field("organizations", organizations)
            out.field("page_type", pageType)
            out.field("page_type_score", pageTypeScore)
            out.field("people", people)
            out.field("places", places)
            out.field("published", published)
            out.field("quotes", quotes)
            out.field("site", site)
            out.field("source", source)
            out.field("summary", summary)
            out.field("text", text)
            out.field("title", title)
            out.field("url", url)
        }
    }
}

extension Person: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { out in
            out.field("mentions", mentions)
            out.field("name", name)
            out.field("roles", roles)
        }
    }
}

extension NamedEntity: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { out in
            out.field("mentions", mentions)
            out.field("name", name)
        }
    }
}

extension Mention: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { out in
            out.field("end", end)
            out.field("entity", entity)
            out.field("start", start)
            out.field("text", text)
            out.field("type", type.rawValue)
        }
    }
}

extension Quote: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { out in
            out.field("end", end)
            out.field("medium", medium)
            out.field("speaker", speaker)
            out.field("speaker_end", speakerEnd)
            out.field("speaker_start", speakerStart)
            out.field("start", start)
            out.field("text", text)
        }
    }
}

extension DateMention: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { out in
            out.field("end", end)
            out.field("start", start)
            out.field("text", text)
            out.field("value", value)
        }
    }
}

extension Document: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { out in
            out.field("fetched", fetched)
            out.field("input", input)
            out.field("record", record)
        }
    }
}

extension Input: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { out in
            out.field("content", content)
            out.field("fetchedAt", fetchedAt)
            out.field("kind", kind.rawValue)
            out.field("name", name)
            out.field("published", published)
            out.field("url", url)
        }
    }
}

extension Fetched: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.object { out in
            out.field("body", body)
            out.field("contentType", contentType)
            out.field("crawlDelay", crawlDelay)
            out.field("fetchedAt", fetchedAt)
            out.field("finalURL", finalURL)
            out.field("status", status)
        }
    }
}
