/// Arguments of `sync.page`: fetch the next page of changes after a checkpoint.
public struct SyncPageRequest: Codable, Sendable, Equatable {
    public enum Mode: String, Codable, Sendable {
        /// Everything, from the beginning.
        case full
        /// Only what changed since the stored checkpoint.
        case incremental
    }

    public var mode: Mode
    /// Which kind of record to sync; every connector supports "items".
    public var stream: String
    /// Restricts the sync to one container, when given.
    public var containerId: String?
    /// The checkpoint returned with the previous page (nil to start).
    public var checkpoint: JSONValue?
    public var limit: Int

    public init(mode: Mode, stream: String = "items", containerId: String? = nil, checkpoint: JSONValue? = nil, limit: Int = 50) {
        self.mode = mode
        self.stream = stream
        self.containerId = containerId
        self.checkpoint = checkpoint
        self.limit = limit
    }
}

/// One page of changes. The host stores `records`, then `checkpoint`, so a
/// job killed between pages resumes after the last stored page.
public struct SyncPage: Codable, Sendable, Equatable {
    public var records: [SyncRecord]
    /// Ids of records deleted at the provider since the checkpoint.
    public var deletedIds: [String]
    /// Where the next page starts; opaque to the host.
    public var checkpoint: JSONValue
    /// False when this page reached the end of the changes.
    public var hasMore: Bool

    public init(records: [SyncRecord], deletedIds: [String] = [], checkpoint: JSONValue, hasMore: Bool) {
        self.records = records
        self.deletedIds = deletedIds
        self.checkpoint = checkpoint
        self.hasMore = hasMore
    }
}

/// One synced record in its normalized shape.
public struct SyncRecord: Codable, Sendable, Equatable {
    /// "container", "item" or "comment".
    public var kind: String
    /// Unique within the connection for its kind: the host keeps one record per
    /// (connection, kind, id), so ids that repeat across containers (a table's
    /// primary key) must be qualified, e.g. "schema.table:42".
    public var id: String
    /// RFC 3339; orders records for the changes feed.
    public var updatedAt: String?
    /// The normalized `Container`, `Item` or `Comment`.
    public var data: JSONValue

    public init(kind: String, id: String, updatedAt: String?, data: JSONValue) {
        self.kind = kind
        self.id = id
        self.updatedAt = updatedAt
        self.data = data
    }

    public init(_ item: Item) throws {
        self.init(kind: "item", id: item.id, updatedAt: item.updatedAt, data: try JSONValue(encoding: item))
    }
}
