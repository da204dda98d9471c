import AtlassianCloud
import ConnectorSDK

/// Jira objects in the unified shapes; timestamps normalized to RFC 3339 UTC.
enum JiraMapping {
    static func container(_ project: Raw<JiraProject>, siteURL: String?, includeRaw: Bool) -> Container {
        let value = project.value
        return Container(
            id: value.key, name: value.name, kind: "project", url: siteURL.map { "\($0)/browse/\(value.key)" },
            updatedAt: AtlassianTimestamp.normalize(value.insight?.lastIssueUpdateTime), raw: project.raw(if: includeRaw))
    }

    static func item(_ issue: JiraIssue, containerId: String?, siteURL: String?, raw: JSONValue?) -> Item {
        let fields = issue.fields
        return Item(
            id: issue.id, containerId: fields?.project?.key ?? containerId ?? "", key: issue.key, title: fields?.summary ?? issue.key,
            kind: "issue", status: fields?.status?.name, author: (fields?.creator ?? fields?.reporter)?.person,
            url: siteURL.map { "\($0)/browse/\(issue.key)" }, createdAt: AtlassianTimestamp.normalize(fields?.created),
            updatedAt: AtlassianTimestamp.normalize(fields?.updated), raw: raw)
    }

    static func comment(_ comment: JiraComment, itemId: String, issueKey: String?, siteURL: String?, raw: JSONValue?) -> Comment {
        let url = zip(siteURL, issueKey).map { "\($0)/browse/\($1)?focusedCommentId=\(comment.id)" }
        return Comment(
            id: comment.id, itemId: itemId, author: comment.author?.person, body: comment.body.map(ADFPlainText.render) ?? "",
            createdAt: AtlassianTimestamp.normalize(comment.created), updatedAt: AtlassianTimestamp.normalize(comment.updated), url: url,
            raw: raw)
    }
}

/// Both values or neither.
private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
