/// A space of the Confluence stand-in; times are epoch milliseconds.
public struct ConfluenceSpaceRecord: Sendable {
    public var id: Int
    public var key: String
    public var name: String
    public var type: String
    public var authorId: String
    public var createdAt: Int64
    public var homepageId: Int
}

/// A page and its current version.
public struct ConfluencePageRecord: Sendable {
    public var id: Int
    public var spaceId: Int
    public var title: String
    public var parentId: Int?
    public var authorId: String
    public var createdAt: Int64
    public var version: Int
    public var versionCreatedAt: Int64
    public var versionAuthorId: String
    /// Storage format (XHTML).
    public var body: String
}

/// A footer comment and its current version.
public struct ConfluenceCommentRecord: Sendable {
    public var id: Int
    public var pageId: Int
    public var version: Int
    public var versionCreatedAt: Int64
    public var authorId: String
    public var body: String
}

/// How the stand-in announces the next page.
public enum ConfluenceLinkStyle: Sendable {
    /// `_links.next` and the `Link` header, as Confluence does.
    case both
    case headerOnly
    case bodyOnly
}

/// Everything the Confluence stand-in holds.
struct ConfluenceState {
    var spaces: [ConfluenceSpaceRecord] = []
    var pages: [ConfluencePageRecord] = []
    var comments: [ConfluenceCommentRecord] = []
    var nextPageId = 200_001
    var linkStyle = ConfluenceLinkStyle.both
    /// Cursor token → the listing it continues and where the next page starts.
    var cursors: [String: (listing: String, offset: Int)] = [:]
}
