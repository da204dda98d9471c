import AtlassianCloud
import ConnectorSDK

extension JiraConnector: BrowsingConnector {
    /// Projects, by key, offset-paged.
    public func containers(_ request: ListRequest, _ context: CallContext) async throws -> Page<Container> {
        let api = try JiraAPI(context)
        let startAt = try JiraCursors.offset(request.cursor)
        let page = try await api.projects(startAt: startAt, maxResults: request.limit, keepingRaw: request.includeRaw)
        let containers = page.values.map { JiraMapping.container($0, siteURL: api.siteURL, includeRaw: request.includeRaw) }
        let more = page.isLast == false && !page.values.isEmpty
        return Page(items: containers, nextCursor: more ? try Cursor.encode(JiraCursors.Offset(startAt: startAt + page.values.count)) : nil)
    }

    /// Issues of one project, oldest update first, through `/search/jql`.
    public func items(_ request: ListRequest, _ context: CallContext) async throws -> Page<Item> {
        let api = try JiraAPI(context)
        let project = try ProjectKey(request.containerId)
        let position = try await searchPosition(request, project: project, api: api)
        let since = position.since.map { AtlassianTimestamp(epochMilliseconds: $0) }
        let jql = JQLQuery.issues(project: project, updatedFrom: since.map { JQLDateLiteral($0, timeZone: position.timeZone) })
        let page = try await api.search(jql: jql, nextPageToken: position.token, maxResults: request.limit, keepingRaw: request.includeRaw)
        let items = page.issues.compactMap { issue -> Item? in
            // JQL reads dates to the minute; drop what precedes the exact instant asked for.
            if let since, let updated = issue.value.fields?.updated.flatMap(AtlassianTimestamp.init(parsing:)), updated < since {
                return nil
            }
            return JiraMapping.item(issue.value, containerId: project.value, siteURL: api.siteURL, raw: issue.raw(if: request.includeRaw))
        }
        var next: String?
        if let token = page.nextPageToken, page.isLast != true {
            next = try Cursor.encode(JiraCursors.Search(project: project.value, since: position.since, timeZone: position.timeZone, token: token))
        }
        return Page(items: items, nextCursor: next)
    }

    /// Comments of one issue, oldest first, offset-paged; bodies rendered from ADF.
    public func comments(_ request: ListRequest, _ context: CallContext) async throws -> Page<Comment> {
        let api = try JiraAPI(context)
        let issue = try IssueReference(request.itemId)
        let startAt = try JiraCursors.offset(request.cursor, item: issue.value)
        let page = try await api.comments(issue: issue, startAt: startAt, maxResults: request.limit, keepingRaw: request.includeRaw)
        let comments = page.comments.map {
            JiraMapping.comment(
                $0.value, itemId: issue.value, issueKey: issue.isKey ? issue.value : nil, siteURL: api.siteURL, raw: $0.raw(if: request.includeRaw))
        }
        let next = startAt + page.comments.count
        let more = !page.comments.isEmpty && next < (page.total ?? Int.max)
        return Page(items: comments, nextCursor: more ? try Cursor.encode(JiraCursors.Offset(startAt: next, item: issue.value)) : nil)
    }

    /// Where an issue list starts or continues. The first page with
    /// `updatedSince` asks Jira for the user's time zone, which the JQL date
    /// is read in; later pages reuse what the cursor kept.
    private func searchPosition(_ request: ListRequest, project: ProjectKey, api: JiraAPI) async throws -> JiraCursors.Search {
        if let cursor = request.cursor {
            let position = try Cursor.decode(cursor, as: JiraCursors.Search.self)
            guard position.project == project.value else { throw JiraCursors.foreign() }
            return position
        }
        guard let updatedSince = request.updatedSince else { return JiraCursors.Search(project: project.value) }
        guard let since = AtlassianTimestamp(parsing: updatedSince) else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "updatedSince must be an RFC 3339 timestamp.")
        }
        return JiraCursors.Search(project: project.value, since: since.epochMilliseconds, timeZone: await api.userTimeZone())
    }
}
