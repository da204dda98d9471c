import ConnectorSDK

/// How far a sync got: the newest last-modified millisecond handed out and
/// the ids of every record handed out with exactly that millisecond.
/// Whatever is older, or in that millisecond and listed, was handed out;
/// anything else was not. Keeping every id of the millisecond (not just the
/// largest) keeps the answer exact whatever order the provider gives records
/// that share it.
public struct SyncFrontier: Codable, Sendable, Equatable {
    public var updated: Int64
    public var ids: [Int64]

    public init(updated: Int64, ids: [Int64]) {
        self.updated = updated
        self.ids = ids
    }

    /// Whether the record at `updated`/`id` was handed out before this frontier was reached.
    public func covers(updated: Int64, id: Int64) -> Bool {
        updated < self.updated || (updated == self.updated && ids.contains(id))
    }

    /// The frontier after also handing out the record at `updated`/`id`.
    public static func advancing(_ frontier: SyncFrontier?, updated: Int64, id: Int64) -> SyncFrontier {
        guard let frontier, updated <= frontier.updated else { return SyncFrontier(updated: updated, ids: [id]) }
        // An older record handed out later (it changed while the sync read) leaves the frontier where it is.
        guard updated == frontier.updated, !frontier.ids.contains(id) else { return frontier }
        return SyncFrontier(updated: frontier.updated, ids: frontier.ids + [id])
    }
}
