/// Every threshold and pattern the body extractor uses, each with its reason.
enum BodyHeuristics {
    /// Elements that never hold article prose.
    static let droppedTags: TagSet = [
        "script", "style", "noscript", "nav", "footer", "aside", "iframe", "svg", "button", "select",
        "input", "textarea", "template", "figcaption", "figure", "menu", "dialog", "object", "embed", "video", "audio",
        "canvas", "map", "head",
    ]
    /// Class or id fragments of boilerplate blocks: share bars, teasers, comments, newsletter boxes, bios.
    static let boilerplateHints = HintSet([
        "comment", "share", "social", "related", "recommend", "newsletter", "subscribe", "promo", "sidebar", "cookie",
        "consent", "advert", "ad-slot", "banner", "breadcrumb", "author-bio", "bio-", "byline", "dateline", "tags",
        "taglist", "footer", "masthead", "navigation", "navbar", "menu", "popup", "modal", "more-stories", "read-more",
        "most-popular", "trending", "outbrain", "taboola", "caption", "credit", "toolbar", "signup", "paywall",
    ])
    /// Hints that mark a block as boilerplate however much text it holds (comment threads are long). Each is
    /// also in ``boilerplateHints``, which `isBoilerplate` asks first (a test holds this).
    static let strongBoilerplateHints = HintSet(["comment", "related", "recommend", "newsletter", "outbrain", "taboola", "cookie", "consent", "more-stories", "most-popular"])
    /// Above this many characters of paragraph text, a block with only a weak hint ("menu", "share" in a wrapper's
    /// class list) is kept: sites put such words on the containers that hold the whole article.
    static let maxWeakHintChars = 600
    /// Class or id fragments that mark the article body; they outweigh a boilerplate hint on the same element.
    static let articleHints = HintSet(["article-body", "articlebody", "story-body", "post-content", "entry-content", "article-content", "story-content"])
    /// Block elements whose text counts as a paragraph.
    static let paragraphTags: TagSet = ["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "tr"]
    /// Section headings (the page's `<h1>` is its title, read apart).
    static let headingTags: TagSet = ["h2", "h3", "h4", "h5", "h6"]
    /// Containers whose own text (outside child blocks) counts as a paragraph: pages that write prose
    /// straight into a `<div>` with `<br>` between lines (readability's "div to p").
    static let textContainerTags: TagSet = ["div", "section", "article", "td", "main", "span", "font", "center"]
    /// Inline elements whose text belongs to the surrounding paragraph.
    static let inlineTags: TagSet = ["a", "em", "strong", "b", "i", "u", "span", "br", "font", "small", "sup", "sub", "abbr", "cite", "q", "mark", "time", "code", "s", "del", "ins"]
    /// A container's own text must be at least this long to count as a paragraph.
    static let minContainerText = 80
    /// A sibling of the best container joins it when it scores at least this share of the best (readability: 0.2).
    static let siblingScoreShare = 0.2
    /// A sibling `<p>` joins when it is at least this long and hardly linked: continued prose.
    static let minSiblingParagraph = 80
    static let maxSiblingLinkDensity = 0.25
    /// A paragraph shorter than this (characters) scores nothing: menus and labels are short.
    static let minScoredParagraph = 25
    /// Above this share of linked text a block is navigation, not prose.
    static let maxLinkDensity = 0.5
    /// A container's score decays with each level it sits above a paragraph (readability's parent/grandparent split).
    static let ancestorDecay = [1.0, 0.5, 0.25]
    /// Levels a container that holds under half the page's prose may widen to find the one that holds most.
    static let maxProseWidening = 4
    /// Below this many characters a candidate is not taken as the article; the whole body is tried instead.
    static let minArticleChars = 200
}
