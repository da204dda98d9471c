import ConnectorModel

/// Stand-in records as Jira writes them in REST v3 (and in webhook payloads).
struct JiraJSON {
    let siteURL: String
    /// The caller's time zone: Jira writes every time in it.
    let timeZone: String
    let users: [String: JiraUserRecord]

    func time(_ millis: Int64) -> JSONValue {
        .string(AtlassianTime.jira(millis, timeZone: timeZone))
    }

    func avatars(_ seed: String) -> JSONValue {
        let base = "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/\(seed)"
        return ["16x16": .string(base + "-0.png?size=16"), "24x24": .string(base + "-0.png?size=24"),
                "32x32": .string(base + "-0.png?size=32"), "48x48": .string(base + "-0.png?size=48")]
    }

    /// `UserDetails` (e-mail only when the user shares it).
    func user(_ accountId: String) -> JSONValue {
        let record = users[accountId] ?? JiraUserRecord(accountId: accountId, displayName: "Former user", email: nil, timeZone: "UTC")
        var object: [String: JSONValue] = [
            "self": .string("\(siteURL)/rest/api/3/user?accountId=\(accountId)"), "accountId": .string(accountId), "accountType": "atlassian",
            "avatarUrls": avatars(String(record.displayName.prefix(2)).uppercased()), "displayName": .string(record.displayName), "active": true,
            "timeZone": .string(record.timeZone),
        ]
        if let email = record.email { object["emailAddress"] = .string(email) }
        return .object(object)
    }

    func project(_ project: JiraProjectRecord, insight: (count: Int, last: Int64?)?) -> JSONValue {
        var object: [String: JSONValue] = [
            "expand": "description,lead,issueTypes,url,projectKeys,permissions,insight", "self": .string("\(siteURL)/rest/api/3/project/\(project.id)"),
            "id": .string(String(project.id)), "key": .string(project.key), "name": .string(project.name), "avatarUrls": avatars(project.key),
            "projectTypeKey": .string(project.typeKey), "simplified": false, "style": "classic", "isPrivate": false, "properties": [:],
        ]
        if let insight {
            var value: [String: JSONValue] = ["totalIssueCount": .number(Double(insight.count))]
            if let last = insight.last { value["lastIssueUpdateTime"] = time(last) }
            object["insight"] = .object(value)
        }
        return .object(object)
    }

    /// `IssueBean` with the requested fields (`nil`: every field).
    func issue(_ issue: JiraIssueRecord, project: JiraProjectRecord?, fields wanted: Set<String>?) -> JSONValue {
        let statusIndex = ["To Do": 1, "In Progress": 3, "Done": 10001][issue.status] ?? 1
        let all: [String: JSONValue] = [
            "summary": .string(issue.summary),
            "status": [
                "self": .string("\(siteURL)/rest/api/3/status/\(statusIndex)"), "description": "", "iconUrl": .string("\(siteURL)/images/icons/statuses/open.png"),
                "name": .string(issue.status), "id": .string(String(statusIndex)),
                "statusCategory": ["self": .string("\(siteURL)/rest/api/3/statuscategory/2"), "id": 2, "key": "new", "colorName": "blue-gray", "name": "To Do"],
            ],
            "issuetype": [
                "self": .string("\(siteURL)/rest/api/3/issuetype/10001"), "id": "10001", "description": "", "iconUrl": .string("\(siteURL)/images/icons/task.svg"),
                "name": .string(issue.type), "subtask": false, "avatarId": 10318, "hierarchyLevel": 0,
            ],
            "creator": user(issue.creatorId), "reporter": user(issue.creatorId),
            "created": time(issue.created), "updated": time(issue.updated),
            "project": project.map { ["self": .string("\(siteURL)/rest/api/3/project/\($0.id)"), "id": .string(String($0.id)), "key": .string($0.key),
                                      "name": .string($0.name), "projectTypeKey": .string($0.typeKey), "simplified": false, "avatarUrls": avatars($0.key)] } ?? .null,
        ]
        var object: [String: JSONValue] = [
            "expand": "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations", "id": .string(String(issue.id)),
            "self": .string("\(siteURL)/rest/api/3/issue/\(issue.id)"), "key": .string(issue.key),
        ]
        let selected = all.filter { wanted?.contains($0.key) ?? true }
        if !selected.isEmpty { object["fields"] = .object(selected) }
        return .object(object)
    }

    func comment(_ comment: JiraCommentRecord, body: JSONValue? = nil) -> JSONValue {
        [
            "self": .string("\(siteURL)/rest/api/3/issue/\(comment.issueId)/comment/\(comment.id)"), "id": .string(String(comment.id)),
            "author": user(comment.authorId), "body": body ?? comment.body, "updateAuthor": user(comment.authorId),
            "created": time(comment.created), "updated": time(comment.updated), "jsdPublic": true,
        ]
    }
}
