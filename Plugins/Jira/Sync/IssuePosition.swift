import AtlassianCloud
import ConnectorSDK

/// Where an issue sits in the sync order: its `updated` instant, then its
/// numeric id to order issues updated in the same millisecond.
struct IssuePosition: Codable, Sendable, Comparable {
    var updated: Int64
    var id: Int64

    init(updated: Int64, id: Int64) {
        self.updated = updated
        self.id = id
    }

    /// The position of a search result; a result without `updated` or with a
    /// non-numeric id cannot be placed, so Jira's answer is unusable.
    init(_ issue: JiraIssue) throws {
        guard let text = issue.fields?.updated, let updated = AtlassianTimestamp(parsing: text), let id = Int64(issue.id) else {
            throw ErrorDocument(
                code: ErrorDocument.Code.upstreamBadResponse, message: "Jira returned issue \(issue.key) without a parseable updated time or id.")
        }
        self.updated = updated.epochMilliseconds
        self.id = id
    }

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.updated, lhs.id) < (rhs.updated, rhs.id)
    }
}
