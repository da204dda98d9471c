import ConnectorModel
import Hummingbird

extension JiraStandIn {
    /// `/search/jql`: bounded JQL only, token paging (the token is tied to
    /// its JQL; no `nextPageToken` on the last page), `fields` default `id`.
    func search(jql: String, token: String?, maxResults: Int?, fields: [String], _ json: JiraJSON) throws -> Response {
        let query: MiniJQL
        do {
            query = try MiniJQL.parse(jql)
        } catch {
            return try Self.errors(["Error in the JQL Query: \(error.description)"], status: .badRequest)
        }
        guard !query.anyOf.isEmpty else {
            return try Self.errors(["Unbounded JQL queries are not allowed here. Please add a search restriction to your query."], status: .badRequest)
        }
        let requested = Set(fields.isEmpty ? ["id"] : fields)
        let wanted: Set<String>? = requested.contains("*all") || requested.contains("*navigable") ? nil : requested.subtracting(["id", "key"])
        let limit = min(max(maxResults ?? 50, 1), 100)
        let result: Result<(page: [JiraIssueRecord], next: String?, projects: [JiraProjectRecord]), JQLEvaluation.Failure> = state.withLock { state in
            var offset = 0
            if let token {
                guard let saved = state.pageTokens[token], saved.jql == jql else { return .failure(JQLEvaluation.Failure(message: "The provided next page token is invalid or expired.")) }
                offset = saved.offset
            }
            let evaluation = JQLEvaluation(projects: state.projects, timeZone: identity.account.timeZone)
            let matches: [JiraIssueRecord]
            do {
                matches = try evaluation.run(query, on: state.issues)
            } catch let failure as JQLEvaluation.Failure {
                return .failure(failure)
            } catch {
                return .failure(JQLEvaluation.Failure(message: "\(error)"))
            }
            let page = Array(matches.dropFirst(offset).prefix(limit))
            var next: String?
            if offset + page.count < matches.count {
                let newToken = RandomToken.make("", bytes: 12)
                state.pageTokens[newToken] = (jql, offset + page.count)
                next = newToken
            }
            return .success((page, next, state.projects))
        }
        switch result {
        case .failure(let failure):
            return try Self.errors([failure.message], status: .badRequest)
        case .success(let found):
            var body: [String: JSONValue] = [
                "issues": .array(found.page.map { issue in json.issue(issue, project: found.projects.first { $0.key == issue.projectKey }, fields: wanted) }),
                "isLast": .bool(found.next == nil),
            ]
            // Omitted rather than null on the last page, as Jira does.
            if let next = found.next { body["nextPageToken"] = .string(next) }
            return try StandInResponses.json(JSONValue.object(body))
        }
    }
}
