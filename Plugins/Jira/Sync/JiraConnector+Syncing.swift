import AtlassianCloud
import ConnectorSDK

extension JiraConnector: SyncingConnector {
    /// One page of issues changed since the checkpoint, oldest first.
    ///
    /// Every page is a fresh search from the minute of the frontier (JQL
    /// dates have minute precision), skipping what the frontier covers; when
    /// a whole search page is covered (many issues in one minute), the call
    /// follows `nextPageToken` until it finds something new or the end. No
    /// page token outlives a call, so none can expire between pages, and an
    /// issue edited while the sync runs cannot shift another out of reach.
    /// Full mode without a checkpoint starts from nothing; deletions are not
    /// seen by search (webhooks report them).
    public func syncPage(_ request: SyncPageRequest, _ context: CallContext) async throws -> SyncPage {
        guard request.stream == "items" else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "Jira syncs the \"items\" stream only.")
        }
        let api = try JiraAPI(context)
        let project = try request.containerId.map { try ProjectKey($0) }
        var checkpoint = try IssueSyncCheckpoint.resume(request)
        if checkpoint.timeZone == nil { checkpoint.timeZone = await api.userTimeZone() }
        let from = checkpoint.handedOut
        let jql = JQLQuery.issues(
            project: project, updatedFrom: from.map { JQLDateLiteral(AtlassianTimestamp(epochMilliseconds: $0.updated), timeZone: checkpoint.timeZone) })

        var records: [SyncRecord] = []
        var token: String?
        var more: Bool
        reading: while true {
            let page = try await api.search(jql: jql, nextPageToken: token, maxResults: request.limit, keepingRaw: false)
            for issue in page.issues {
                let position = try issue.value.syncPosition()
                if from?.covers(updated: position.updated, id: position.id) == true { continue }
                records.append(try SyncRecord(JiraMapping.item(issue.value, containerId: project?.value, siteURL: api.siteURL, raw: nil)))
                checkpoint.handedOut = SyncFrontier.advancing(checkpoint.handedOut, updated: position.updated, id: position.id)
            }
            more = page.nextPageToken != nil && page.isLast != true
            guard more, records.isEmpty else { break reading }
            token = page.nextPageToken
        }
        // A new run asks for the time zone again, in case the user changed it.
        if !more { checkpoint.timeZone = nil }
        context.log.info("Jira sync page", ["records": .number(Double(records.count)), "hasMore": .bool(more)])
        return SyncPage(records: records, checkpoint: try JSONValue(encoding: checkpoint), hasMore: more)
    }
}
