import AtlassianCloud
import ConnectorSDK

/// The sync checkpoint (opaque to the host).
///
/// Confluence cannot filter pages by edit time, but it can sort by it. A
/// run is therefore one pass down the list, newest edit first, that stops
/// at what the previous passes handed out (`handedOut`). While a pass is
/// under way, `pass` keeps where it started (`since`), the newest and the
/// oldest edit it has handed out (`newest`, `floor`: the millisecond and its
/// ids), and the provider's cursor.
struct PageSyncCheckpoint: Codable, Sendable {
    struct Pass: Codable, Sendable {
        var since: SyncFrontier?
        var newest: SyncFrontier?
        var floor: SyncFrontier?
        var cursor: String?

        /// Whether the pass handed this page out already: a pass reads down
        /// from the top without gaps, so everything above its floor was handed
        /// out (or was edited since, and the next run takes it).
        func handedOut(_ position: (updated: Int64, id: Int64)) -> Bool {
            guard let floor else { return false }
            return position.updated > floor.updated || (position.updated == floor.updated && floor.ids.contains(position.id))
        }

        /// The pass after handing out the page at `position`.
        mutating func advance(to position: (updated: Int64, id: Int64)) {
            newest = SyncFrontier.advancing(newest, updated: position.updated, id: position.id)
            if let floor, floor.updated == position.updated {
                self.floor = SyncFrontier(updated: floor.updated, ids: floor.ids + [position.id])
            } else if floor == nil || position.updated < floor!.updated {
                floor = SyncFrontier(updated: position.updated, ids: [position.id])
            }
        }
    }

    var space: String?
    var handedOut: SyncFrontier?
    var pass: Pass?

    static func resume(_ request: SyncPageRequest) throws -> PageSyncCheckpoint {
        guard let stored = request.checkpoint, !stored.isNull else { return PageSyncCheckpoint(space: request.containerId) }
        guard let checkpoint = try? stored.decode(as: PageSyncCheckpoint.self) else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The checkpoint is not one this connector wrote; sync in full mode.")
        }
        guard checkpoint.space == request.containerId else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The checkpoint belongs to a sync of another space.")
        }
        return checkpoint
    }

    /// The frontier after a finished pass: the newest edit it handed out, or
    /// (when it shares the millisecond of the old frontier) both sets of ids.
    static func merge(_ since: SyncFrontier?, _ newest: SyncFrontier?) -> SyncFrontier? {
        guard let since, let newest else { return newest ?? since }
        if newest.updated > since.updated { return newest }
        if newest.updated < since.updated { return since }
        return SyncFrontier(updated: since.updated, ids: since.ids + newest.ids.filter { !since.ids.contains($0) })
    }
}

extension ConfluencePage {
    /// Where the page sits in the sync: its version's time and numeric id.
    func syncPosition() throws -> (updated: Int64, id: Int64) {
        guard let text = version?.createdAt, let updated = AtlassianTimestamp(parsing: text), let id = Int64(id) else {
            throw ErrorDocument(
                code: ErrorDocument.Code.upstreamBadResponse, message: "Confluence returned page \(id) without a parseable version time or id.")
        }
        return (updated.epochMilliseconds, id)
    }
}
