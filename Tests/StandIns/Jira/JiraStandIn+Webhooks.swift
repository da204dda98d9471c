import ConnectorModel
import Foundation
import Hummingbird

extension JiraStandIn {
    /// Dynamic webhooks last 30 days unless refreshed.
    static let webhookLifetime: Int64 = 30 * 86_400_000

    func addWebhookRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("webhook") { request, context in
            try await self.serveWebhooks(request, context) { body in
                guard let url = body["url"]?.stringValue, let details = body["webhooks"]?.arrayValue else {
                    return try Self.errors(["url and webhooks are required."], status: .badRequest)
                }
                let results: [JSONValue] = self.state.withLock { state in
                    details.map { detail in
                        let events = detail["events"]?.arrayValue?.compactMap(\.stringValue) ?? []
                        let filter = detail["jqlFilter"]?.stringValue ?? ""
                        if let problem = WebhookFilterRules.problem(events: events, jqlFilter: filter) { return ["errors": [.string(problem)]] }
                        let record = JiraWebhookRecord(
                            id: state.nextWebhookId, url: url, events: events, jqlFilter: filter, expirationDate: AtlassianTime.now() + Self.webhookLifetime)
                        state.nextWebhookId += 1
                        state.webhooks.append(record)
                        return ["createdWebhookId": .number(Double(record.id))]
                    }
                }
                return try StandInResponses.json(["webhookRegistrationResult": .array(results)] as JSONValue)
            }
        }
        group.get("webhook") { request, context in
            try await self.serveWebhooks(request, context) { _ in
                let startAt = Self.integer(request, "startAt", default: 0, range: 0...Int.max)
                let maxResults = Self.integer(request, "maxResults", default: 100, range: 1...100)
                let all = self.webhooks
                let page = all.dropFirst(startAt).prefix(maxResults)
                let values: [JSONValue] = page.map { hook in
                    ["id": .number(Double(hook.id)), "url": .string(hook.url), "jqlFilter": .string(hook.jqlFilter),
                     "events": .array(hook.events.map { .string($0) }), "expirationDate": .number(Double(hook.expirationDate))]
                }
                return try StandInResponses.json([
                    "isLast": .bool(startAt + page.count >= all.count), "maxResults": .number(Double(maxResults)), "startAt": .number(Double(startAt)),
                    "total": .number(Double(all.count)), "values": .array(values),
                ] as JSONValue)
            }
        }
        group.delete("webhook") { request, context in
            try await self.serveWebhooks(request, context) { body in
                guard let ids = body["webhookIds"]?.arrayValue?.compactMap(\.intValue) else { return try Self.errors(["webhookIds is required."], status: .badRequest) }
                self.state.withLock { state in state.webhooks.removeAll { ids.contains(Int($0.id)) } }
                return Response(status: .accepted)
            }
        }
        group.put("webhook/refresh") { request, context in
            try await self.serveWebhooks(request, context) { body in
                guard let ids = body["webhookIds"]?.arrayValue?.compactMap(\.intValue) else { return try Self.errors(["webhookIds is required."], status: .badRequest) }
                let expiration = AtlassianTime.now() + Self.webhookLifetime
                self.state.withLock { state in
                    for index in state.webhooks.indices where ids.contains(Int(state.webhooks[index].id)) { state.webhooks[index].expirationDate = expiration }
                }
                return try StandInResponses.json(["expirationDate": .number(Double(expiration))] as JSONValue)
            }
        }
    }

    /// Webhook operations: OAuth apps with `manage:jira-webhook` only; the JSON body, if any, handed over.
    private func serveWebhooks(_ request: Request, _ context: BasicRequestContext, _ handler: ([String: JSONValue]) throws -> Response) async throws -> Response {
        try await serve(request, context, scope: "manage:jira-webhook") { caller, _ in
            guard caller.isOAuth else { return try Self.errors(["Only Connect and OAuth 2.0 apps can use this operation."], status: .forbidden) }
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            let body = buffer.readableBytes == 0 ? [:] : (try? WireCoding.decode([String: JSONValue].self, from: Array(buffer.readableBytesView))) ?? [:]
            return try handler(body)
        }
    }
}

/// What Jira accepts in a dynamic webhook: known events, and a JQL filter
/// using only `=`, `!=`, `IN`, `NOT IN` on a few fields (an empty filter is refused).
enum WebhookFilterRules {
    static let events: Set<String> = [
        "jira:issue_created", "jira:issue_updated", "jira:issue_deleted", "comment_created", "comment_updated", "comment_deleted",
        "issue_property_set", "issue_property_deleted",
    ]
    static let fields: Set<String> = ["project", "issuekey", "issuetype", "status", "assignee", "reporter"]

    static func problem(events requested: [String], jqlFilter: String) -> String? {
        guard !requested.isEmpty else { return "At least one event is required." }
        if let unknown = requested.first(where: { !events.contains($0) }) { return "The event \(unknown) is not supported." }
        guard !jqlFilter.trimmingCharacters(in: .whitespaces).isEmpty else { return "Empty JQL search not supported" }
        guard let query = try? MiniJQL.parse(jqlFilter), query.orderBy.isEmpty else { return "The JQL filter is invalid." }
        for clause in query.anyOf.joined() {
            guard ["=", "!=", "IN", "NOT IN"].contains(clause.op) else { return "Operator \(clause.op.lowercased()) is unsupported" }
            guard fields.contains(clause.field) else { return "The clause \(clause.field) is unsupported" }
        }
        return nil
    }
}
