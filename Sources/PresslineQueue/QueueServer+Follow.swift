import Foundation
import PresslineCore
import PresslineWire

extension QueueServer {
    /// Journals the links a stage found on a page `depth` links away from a pushed one (a listing's stories) as
    /// fetch jobs, while they are no farther than `stages.fetch.follow_depth`. Each job's id comes from its URL's
    /// normal form, so a URL the journal has — pushed, followed from another listing, stored long ago — is not
    /// fetched again (`FollowTests.sectionFront`).
    func follow(_ links: [String], foundAtDepth depth: Int) {
        guard depth < followDepth else { return }
        var added = 0
        for link in links.prefix(Self.maxFollowedPerPage) {
            guard let url = URL(string: link), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else { continue }
            let normal = URLNormalizer.normalize(link)
            let id = JobID.forURL(normal)
            commits.batch.inserts.append(.init(id: id, kind: .url, name: normal, trace: id.rawValue,
                                               payload: PayloadAttachment.submission(Input(kind: .url, url: normal)), depth: depth + 1))
            added += 1
        }
        // Counted as unfinished like a submission; those the journal had already are let go after the commit.
        unfinished.reopen(added)
    }

    /// Most links taken from one page, whatever the worker sends.
    static let maxFollowedPerPage = 200

    /// How many links away from a pushed page a followed page may be (`stages.fetch.follow_depth`, default 1;
    /// 0 follows nothing).
    var followDepth: Int { Int(pipeline.number("fetch.follow_depth", default: 1)) }
}
