import ConnectorModel
import Hummingbird

extension JiraStandIn {
    func addReadRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("myself") { request, context in
            try await self.serve(request, context, scope: "read:jira-user") { _, json in
                var user = json.user(self.identity.account.accountId).objectValue ?? [:]
                user["locale"] = "en_US"
                return try StandInResponses.json(JSONValue.object(user))
            }
        }
        group.get("serverInfo") { request, context in
            try await self.serve(request, context, scope: "read:jira-work") { _, json in
                // Real Jira Cloud also sends `defaultLocale`, which the published schema forbids; the stand-in keeps to the schema.
                try StandInResponses.json([
                    "baseUrl": .string(self.siteURL), "version": "1001.0.0-SNAPSHOT", "versionNumbers": [1001, 0, 0], "deploymentType": "Cloud",
                    "buildNumber": 100_283, "buildDate": json.time(JiraSeed.origin), "serverTime": json.time(AtlassianTime.now()),
                    "scmInfo": "9b33b5a5b3ebcb6c4e1b6e7ab8b4d9c3c1f2a0e4", "serverTitle": "Jira",
                ] as JSONValue)
            }
        }
        group.get("project/search") { request, context in
            try await self.serve(request, context, scope: "read:jira-work") { _, json in try self.projectSearch(request, json) }
        }
        group.get("issue/:issueIdOrKey/comment") { request, context in
            try await self.serve(request, context, scope: "read:jira-work") { _, json in
                try self.comments(request, issue: context.parameters.get("issueIdOrKey") ?? "", json)
            }
        }
        group.get("search/jql") { request, context in
            try await self.serve(request, context, scope: "read:jira-work") { _, json in
                let query = request.uri.queryParameters
                let fields = query[values: "fields"].flatMap { $0.split(separator: ",").map(String.init) }
                return try self.search(
                    jql: query["jql"].map(String.init) ?? "", token: query["nextPageToken"].map(String.init),
                    maxResults: query["maxResults"].flatMap { Int($0) }, fields: fields, json)
            }
        }
        group.post("search/jql") { request, context in
            try await self.serve(request, context, scope: "read:jira-work") { _, json in
                var request = request
                let buffer = try await request.collectBody(upTo: 1 << 20)
                guard let body = try? WireCoding.decode([String: JSONValue].self, from: Array(buffer.readableBytesView)) else {
                    return try Self.errors(["The request body is not valid JSON."], status: .badRequest)
                }
                return try self.search(
                    jql: body["jql"]?.stringValue ?? "", token: body["nextPageToken"]?.stringValue, maxResults: body["maxResults"]?.intValue,
                    fields: body["fields"]?.arrayValue?.compactMap(\.stringValue) ?? [], json)
            }
        }
    }

    private func projectSearch(_ request: Request, _ json: JiraJSON) throws -> Response {
        let startAt = Self.integer(request, "startAt", default: 0, range: 0...Int.max)
        let maxResults = Self.integer(request, "maxResults", default: 50, range: 1...100)
        let withInsight = request.uri.queryParameters["expand"]?.split(separator: ",").contains("insight") == true
        let (projects, issues) = state.withLock { state in (state.projects.sorted { $0.key < $1.key }, state.issues) }
        let page = projects.dropFirst(startAt).prefix(maxResults)
        let values: [JSONValue] = page.map { project in
            let own = issues.filter { $0.projectKey == project.key }
            return json.project(project, insight: withInsight ? (own.count, own.map(\.updated).max()) : nil)
        }
        let isLast = startAt + page.count >= projects.count
        var body: [String: JSONValue] = [
            "self": .string("\(siteURL)/rest/api/3/project/search?startAt=\(startAt)&maxResults=\(maxResults)"), "maxResults": .number(Double(maxResults)),
            "startAt": .number(Double(startAt)), "total": .number(Double(projects.count)), "isLast": .bool(isLast), "values": .array(values),
        ]
        if !isLast { body["nextPage"] = .string("\(siteURL)/rest/api/3/project/search?startAt=\(startAt + page.count)&maxResults=\(maxResults)") }
        return try StandInResponses.json(JSONValue.object(body))
    }

    private func comments(_ request: Request, issue idOrKey: String, _ json: JiraJSON) throws -> Response {
        let startAt = Self.integer(request, "startAt", default: 0, range: 0...Int.max)
        let maxResults = Self.integer(request, "maxResults", default: 50, range: 1...100)
        let descending = request.uri.queryParameters["orderBy"] == "-created"
        guard let all = state.withLock({ state in state.issue(idOrKey).map { issue in state.comments.filter { $0.issueId == issue.id } } }) else {
            return try Self.errors(["Issue does not exist or you do not have permission to see it."], status: .notFound)
        }
        let ordered = all.sorted { descending ? ($0.created, $0.id) > ($1.created, $1.id) : ($0.created, $0.id) < ($1.created, $1.id) }
        let page = ordered.dropFirst(startAt).prefix(maxResults)
        return try StandInResponses.json([
            "comments": .array(page.map { json.comment($0) }), "maxResults": .number(Double(maxResults)), "startAt": .number(Double(startAt)),
            "total": .number(Double(all.count)),
        ] as JSONValue)
    }
}
