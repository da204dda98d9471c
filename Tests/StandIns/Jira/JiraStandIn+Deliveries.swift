import ConnectorModel
import Foundation

/// A webhook request as Jira would POST it.
public struct JiraDelivery: Sendable {
    public var url: String
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]
}

extension JiraStandIn {
    /// What Jira sends for `event` on `issue` to every registered webhook
    /// whose events and JQL filter select it: the REST v2 payload shape
    /// (comment bodies in wiki markup), signed for OAuth 2.0 apps with an
    /// HS256 JWT in `Authorization: Bearer`, keyed by the app's client secret.
    public func deliveries(_ event: String, issue: JiraIssueRecord, comment: (id: Int, wikiMarkup: String)? = nil) async throws -> [JiraDelivery] {
        let (hooks, projects, users) = state.withLock { ($0.webhooks, $0.projects, $0.users) }
        let evaluation = JQLEvaluation(projects: projects, timeZone: identity.account.timeZone)
        let targets = hooks.filter { $0.events.contains(event) && evaluation.matches($0.jqlFilter, issue) }
        let json = JiraJSON(siteURL: siteURL, timeZone: "UTC", users: users)
        let now = AtlassianTime.now()
        var payload: [String: JSONValue] = [
            "timestamp": .number(Double(now)), "webhookEvent": .string(event), "user": json.user(identity.account.accountId),
            "issue": json.issue(issue, project: projects.first { $0.key == issue.projectKey }, fields: nil),
        ]
        if event.hasPrefix("jira:issue") { payload["issue_event_type_name"] = event == "jira:issue_updated" ? "issue_generic" : .string(String(event.dropFirst(5))) }
        if let comment {
            let record = JiraCommentRecord(id: comment.id, issueId: issue.id, authorId: identity.account.accountId, body: .null, created: now, updated: now)
            payload["comment"] = json.comment(record, body: .string(comment.wikiMarkup))
        }
        let body = try WireCoding.encode(JSONValue.object(payload))
        let seconds = now / 1000
        let token = try await Self.jwt(claims: ["iat": .number(Double(seconds)), "exp": .number(Double(seconds + 180))], secret: identity.app.clientSecret)
        return targets.map { JiraDelivery(url: $0.url, headers: ["authorization": "Bearer \(token)", "content-type": "application/json"], body: body) }
    }

    /// An HS256 JWT over `claims`, signed by `openssl` (independently of the connector's HMAC).
    public static func jwt(claims: JSONValue, secret: String) async throws -> String {
        let header = OpenSSLTool.base64url(try WireCoding.encode(["alg": "HS256", "typ": "JWT"] as JSONValue))
        let payload = OpenSSLTool.base64url(try WireCoding.encode(claims))
        let signature = try await OpenSSLTool.hmacSHA256(Array("\(header).\(payload)".utf8), key: Array(secret.utf8))
        return "\(header).\(payload).\(OpenSSLTool.base64url(signature))"
    }
}
