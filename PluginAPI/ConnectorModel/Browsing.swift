/// Arguments of `containers.list`, `items.list` and `comments.list`.
public struct ListRequest: Codable, Sendable, Equatable {
    /// The container whose items to list (`items.list`).
    public var containerId: String?
    /// The item whose comments to list (`comments.list`).
    public var itemId: String?
    /// Page size; the host clamps it to 1...100.
    public var limit: Int
    /// `nextCursor` of the previous page; opaque to the host and the client.
    public var cursor: String?
    /// RFC 3339: only what changed at or after this instant.
    public var updatedSince: String?
    /// Whether to attach the provider's raw object to each element.
    public var includeRaw: Bool

    public init(
        containerId: String? = nil, itemId: String? = nil, limit: Int = 25, cursor: String? = nil, updatedSince: String? = nil,
        includeRaw: Bool = false
    ) {
        self.containerId = containerId
        self.itemId = itemId
        self.limit = limit
        self.cursor = cursor
        self.updatedSince = updatedSince
        self.includeRaw = includeRaw
    }
}

/// One page of results; `nextCursor` is nil on the last page.
public struct Page<Element: Codable & Sendable>: Codable, Sendable {
    public var items: [Element]
    public var nextCursor: String?

    public init(items: [Element], nextCursor: String? = nil) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Equatable where Element: Equatable {}

/// A person as the provider names them.
public struct Person: Codable, Sendable, Equatable {
    public var id: String?
    public var displayName: String
    public var email: String?

    public init(id: String? = nil, displayName: String, email: String? = nil) {
        self.id = id
        self.displayName = displayName
        self.email = email
    }
}

/// A top-level container: a Jira project, a Confluence space, a Salesforce object, a database schema.
public struct Container: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: String
    public var url: String?
    public var updatedAt: String?
    public var raw: JSONValue?

    public init(id: String, name: String, kind: String, url: String? = nil, updatedAt: String? = nil, raw: JSONValue? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.url = url
        self.updatedAt = updatedAt
        self.raw = raw
    }
}

/// An item in a container: an issue, a page, a record, a table row.
public struct Item: Codable, Sendable, Equatable {
    public var id: String
    public var containerId: String
    /// A human key such as "PROJ-12", when the provider has one.
    public var key: String?
    public var title: String
    public var kind: String
    public var status: String?
    public var author: Person?
    public var url: String?
    public var createdAt: String?
    public var updatedAt: String?
    public var raw: JSONValue?

    public init(
        id: String, containerId: String, key: String? = nil, title: String, kind: String, status: String? = nil, author: Person? = nil,
        url: String? = nil, createdAt: String? = nil, updatedAt: String? = nil, raw: JSONValue? = nil
    ) {
        self.id = id
        self.containerId = containerId
        self.key = key
        self.title = title
        self.kind = kind
        self.status = status
        self.author = author
        self.url = url
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.raw = raw
    }
}

/// A comment on an item, its body as plain text.
public struct Comment: Codable, Sendable, Equatable {
    public var id: String
    public var itemId: String
    public var author: Person?
    public var body: String
    public var createdAt: String?
    public var updatedAt: String?
    public var url: String?
    public var raw: JSONValue?

    public init(
        id: String, itemId: String, author: Person? = nil, body: String, createdAt: String? = nil, updatedAt: String? = nil,
        url: String? = nil, raw: JSONValue? = nil
    ) {
        self.id = id
        self.itemId = itemId
        self.author = author
        self.body = body
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.url = url
        self.raw = raw
    }
}
