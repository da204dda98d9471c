import AtlassianCloud
import ConnectorSDK

/// Jira webhook payloads (`{"timestamp", "webhookEvent", "issue", "comment"}`)
/// as unified events.
enum JiraWebhookEvents {
    /// Every event `POST /rest/api/3/webhook` accepts.
    static let registrable: Set<String> = [
        "jira:issue_created", "jira:issue_updated", "jira:issue_deleted", "comment_created", "comment_updated", "comment_deleted",
        "issue_property_set", "issue_property_deleted", "sprint_created", "sprint_updated", "sprint_closed", "sprint_deleted", "sprint_started",
        "jira:version_released", "jira:version_unreleased", "jira:version_created", "jira:version_moved", "jira:version_updated",
        "jira:version_merged", "jira:version_deleted",
    ]

    private static let types: [String: String] = [
        "jira:issue_created": "item.created", "jira:issue_updated": "item.updated", "jira:issue_deleted": "item.deleted",
        "comment_created": "comment.created", "comment_updated": "comment.updated", "comment_deleted": "comment.deleted",
    ]

    private struct Payload: Decodable {
        var timestamp: Int64?
        var webhookEvent: String?
        var issue: JiraIssue?
        var comment: JiraComment?
    }

    /// The delivery's event; events the connector does not model give an empty list.
    static func normalize(_ body: [UInt8], siteURL: String?) throws -> [WebhookEvent] {
        guard let payload = try? WireCoding.decode(Payload.self, from: body) else {
            throw ErrorDocument(code: ErrorDocument.Code.upstreamBadResponse, message: "The verified Jira delivery is not a webhook payload.")
        }
        guard let providerType = payload.webhookEvent, let type = types[providerType] else { return [] }
        let item = payload.issue.map { JiraMapping.item($0, containerId: nil, siteURL: siteURL, raw: nil) }
        let comment = payload.comment.map {
            JiraMapping.comment($0, itemId: payload.issue?.id ?? "", issueKey: payload.issue?.key, siteURL: siteURL, raw: nil)
        }
        let occurredAt = payload.timestamp.map { AtlassianTimestamp(epochMilliseconds: $0).rfc3339 }
        return [WebhookEvent(type: type, providerType: providerType, occurredAt: occurredAt, item: item, comment: type.hasPrefix("comment") ? comment : nil)]
    }
}
