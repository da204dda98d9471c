import AtlassianCloud
import ConnectorSDK

// The parts of Confluence's REST objects the connector reads (schemas in
// Tests/Fixtures/upstream-specs/confluence-v2.connector-subset.json and -v1).

/// v2 `MultiEntityResult<T>`: one page and the link to the next.
struct ConfluenceList<Element: Decodable & Sendable>: Decodable, Sendable {
    struct Links: Decodable, Sendable {
        var next: String?
        var base: String?
    }

    var results: [Raw<Element>]
    var links: Links?

    enum CodingKeys: String, CodingKey {
        case results, links = "_links"
    }
}

/// The `webui` link every v2 object carries, relative to the wiki base.
struct WebLinks: Decodable, Sendable {
    var webui: String?
}

/// v2 `SpaceBulk`.
struct ConfluenceSpace: Decodable, Sendable {
    var id: String
    var key: String?
    var name: String?
    var createdAt: String?
    var links: WebLinks?

    enum CodingKeys: String, CodingKey {
        case id, key, name, createdAt, links = "_links"
    }
}

/// v2 `Version`.
struct ConfluenceVersion: Decodable, Sendable {
    var createdAt: String?
    var number: Int?
    var authorId: String?
}

/// v2 `BodyBulk`, storage representation only.
struct ConfluenceBody: Decodable, Sendable {
    struct Storage: Decodable, Sendable { var value: String? }
    var storage: Storage?
}

/// v2 `PageBulk`.
struct ConfluencePage: Decodable, Sendable {
    var id: String
    var status: String?
    var title: String?
    var spaceId: String?
    var authorId: String?
    var createdAt: String?
    var version: ConfluenceVersion?
    var links: WebLinks?

    enum CodingKeys: String, CodingKey {
        case id, status, title, spaceId, authorId, createdAt, version, links = "_links"
    }
}

/// v2 `PageCommentModel` (a footer comment).
struct ConfluenceComment: Decodable, Sendable {
    var id: String
    var pageId: String?
    var version: ConfluenceVersion?
    var body: ConfluenceBody?
    var links: WebLinks?

    enum CodingKeys: String, CodingKey {
        case id, pageId, version, body, links = "_links"
    }
}

/// v1 `User` (current user).
struct ConfluenceUser: Decodable, Sendable {
    var accountId: String?
    var displayName: String?
    var publicName: String?
    var email: String?
}
