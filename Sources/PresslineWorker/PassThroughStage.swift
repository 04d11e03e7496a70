import PresslineCore

/// A stage with trivial logic, for measuring what the pipeline itself costs (queue, hops, encoding,
/// journal, store) apart from the work of cleaning and extracting. Chosen per stage in the pipeline
/// file with `passthrough = true` under `[stages.clean]` or `[stages.extract]`; never the default.
///
/// ```swift
/// let stage: any Stage = pipeline.flag("clean.passthrough") ? PassThroughStage(name: "clean") : CleanStage()
/// ```
public struct PassThroughStage: DocumentStage {
    public let name: StageName

    public init(name: StageName) { self.name = name }

    /// Hands the document on; where no article exists yet (the clean position), the page's text
    /// becomes the article as it is, so the store has something to write.
    public func process(_ document: Document) throws(StageFailure) -> StageOutput {
        guard document.record == nil else { return .next(document) }
        guard let page = document.page else { throw .permanent("nothing to pass through: the job has no page") }
        var out = document
        out.record = ArticleRecord(id: ArticleRecord.makeID(canonicalURL: page.finalURL ?? document.input.url, text: page.body),
                                   url: page.finalURL ?? document.input.url, text: page.body)
        // As the clean stage does: the page is not carried on once the article exists.
        out.fetched = nil
        out.input.content = nil
        return .next(out)
    }
}
