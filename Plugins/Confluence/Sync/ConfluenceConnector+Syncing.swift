import AtlassianCloud
import ConnectorSDK

extension ConfluenceConnector: SyncingConnector {
    /// One page of pages edited since the checkpoint, newest first within a
    /// run (see `PageSyncCheckpoint`). A page edited while a pass runs moves
    /// above the pass and is handed out by the next run. A cursor Confluence
    /// no longer accepts restarts the pass from the top, skipping what the
    /// pass handed out. Full mode without a checkpoint starts from nothing;
    /// deletions are not listed.
    public func syncPage(_ request: SyncPageRequest, _ context: CallContext) async throws -> SyncPage {
        guard request.stream == "items" else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "Confluence syncs the \"items\" stream only.")
        }
        let api = try ConfluenceAPI(context)
        let space = try request.containerId.map { try SpaceID($0) }
        var checkpoint = try PageSyncCheckpoint.resume(request)
        var pass = checkpoint.pass ?? PageSyncCheckpoint.Pass(since: checkpoint.handedOut)

        var records: [SyncRecord] = []
        var more = true
        while more && records.isEmpty {
            let listing = try await nextListing(api, space: space, cursor: pass.cursor, limit: request.limit)
            let wiki = listing.base ?? api.wikiURL
            var reachedHandedOut = false
            for page in listing.results {
                let position = try page.value.syncPosition()
                if let since = pass.since, position.updated < since.updated {
                    reachedHandedOut = true
                    break
                }
                if pass.since?.covers(updated: position.updated, id: position.id) == true || pass.handedOut(position) { continue }
                records.append(try SyncRecord(ConfluenceMapping.item(page.value, containerId: space?.value, wiki: wiki, raw: nil)))
                pass.advance(to: position)
            }
            more = !reachedHandedOut && listing.next != nil
            pass.cursor = listing.next
        }
        if more {
            checkpoint.pass = pass
        } else {
            checkpoint.handedOut = PageSyncCheckpoint.merge(pass.since, pass.newest)
            checkpoint.pass = nil
        }
        context.log.info("Confluence sync page", ["records": .number(Double(records.count)), "hasMore": .bool(more)])
        return SyncPage(records: records, checkpoint: try JSONValue(encoding: checkpoint), hasMore: more)
    }

    /// The listing page at `cursor`, newest edit first; from the top again
    /// when Confluence no longer accepts the cursor (HTTP 400).
    private func nextListing(_ api: ConfluenceAPI, space: SpaceID?, cursor: String?, limit: Int) async throws -> ConfluenceAPI.Listing<ConfluencePage> {
        do {
            return try await api.pages(space: space, sort: "-modified-date", limit: limit, cursor: cursor, keepingRaw: false)
        } catch let error as ErrorDocument where cursor != nil && error.details?["providerStatus"] == 400 {
            return try await api.pages(space: space, sort: "-modified-date", limit: limit, cursor: nil, keepingRaw: false)
        }
    }
}
