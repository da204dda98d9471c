import AtlassianCloud
import ConnectorSDK

extension JiraConnector: SyncingConnector {
    /// One page of issues changed since the checkpoint, oldest first. Full
    /// mode without a checkpoint starts from nothing; deletions are not seen
    /// by search (webhooks report them).
    public func syncPage(_ request: SyncPageRequest, _ context: CallContext) async throws -> SyncPage {
        guard request.stream == "items" else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "Jira syncs the \"items\" stream only.")
        }
        let api = try JiraAPI(context)
        let project = try request.containerId.map { try ProjectKey($0) }
        var checkpoint = try IssueSyncCheckpoint.resume(request)
        let sequence: IssueSyncCheckpoint.Sequence
        if let current = checkpoint.sequence {
            sequence = current
        } else {
            sequence = IssueSyncCheckpoint.Sequence(from: checkpoint.last, timeZone: try await api.myself().timeZone)
        }
        let page = try await searchPage(api, project: project, sequence: sequence, last: checkpoint.last, limit: request.limit)

        var records: [SyncRecord] = []
        for issue in page.issues {
            let position = try IssuePosition(issue.value)
            if let from = page.from, position <= from { continue }
            records.append(try SyncRecord(JiraMapping.item(issue.value, containerId: project?.value, siteURL: api.siteURL, raw: nil)))
            checkpoint.last = max(checkpoint.last ?? position, position)
        }
        let more = page.nextPageToken != nil && page.isLast != true
        checkpoint.sequence = more ? IssueSyncCheckpoint.Sequence(from: page.from, timeZone: sequence.timeZone, token: page.nextPageToken) : nil
        context.log.info("Jira sync page", ["records": .number(Double(records.count)), "hasMore": .bool(more)])
        return SyncPage(records: records, checkpoint: try JSONValue(encoding: checkpoint), hasMore: more)
    }

    /// The search page a sequence asks for. A page token Jira no longer
    /// accepts (HTTP 400) restarts the search from the millisecond of the
    /// newest issue handed out, id 0: issues sharing that millisecond may
    /// come again, none can be skipped.
    private func searchPage(
        _ api: JiraAPI, project: ProjectKey?, sequence: IssueSyncCheckpoint.Sequence, last: IssuePosition?, limit: Int
    ) async throws -> (issues: [Raw<JiraIssue>], nextPageToken: String?, isLast: Bool?, from: IssuePosition?) {
        let jql = { (from: IssuePosition?) in
            JQLQuery.issues(
                project: project, updatedFrom: from.map { JQLDateLiteral(AtlassianTimestamp(epochMilliseconds: $0.updated), timeZone: sequence.timeZone) })
        }
        do {
            let page = try await api.search(jql: jql(sequence.from), nextPageToken: sequence.token, maxResults: limit)
            return (page.issues, page.nextPageToken, page.isLast, sequence.from)
        } catch let error as ErrorDocument where sequence.token != nil && error.details?["providerStatus"] == 400 {
            let from = last.map { IssuePosition(updated: $0.updated, id: 0) }
            let page = try await api.search(jql: jql(from), nextPageToken: nil, maxResults: limit)
            return (page.issues, page.nextPageToken, page.isLast, from)
        }
    }
}
