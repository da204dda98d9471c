import ConnectorModel

/// The stand-in's starting data: seven projects; in ENG, 45 issues, 15 of
/// them updated within one minute (four in the very same millisecond);
/// five issues in OPS; seven comments with rich ADF bodies on ENG-1.
public enum JiraSeed {
    /// 2024-03-01T12:00:00Z, where the seeded history starts.
    public static let origin: Int64 = 1_709_294_400_000

    static func fill(_ state: inout JiraState, account: JiraUserRecord) {
        let colleague = JiraUserRecord(accountId: "5b10ac8d82e05b22cc7d4ef5", displayName: "Ravi Raman", email: nil, timeZone: "Asia/Kolkata")
        state.users = [account.accountId: account, colleague.accountId: colleague]
        let projects = [("ENG", "Engineering"), ("OPS", "Operations"), ("MKT", "Marketing"), ("SEC", "Security"), ("DATA", "Data"), ("WEB", "Website"), ("HR", "People")]
        state.projects = projects.enumerated().map { JiraProjectRecord(id: 10000 + $0, key: $1.0, name: $1.1, typeKey: $0 % 2 == 0 ? "software" : "business") }

        let statuses = ["To Do", "In Progress", "Done"]
        let types = ["Task", "Bug", "Story"]
        for number in 1...45 {
            let updated: Int64
            switch number {
            case 1...20: updated = origin + Int64(number) * 7 * 60_000
            case 21...24: updated = origin + 3 * 3_600_000 + 30_123  // same minute, same millisecond
            case 25...35: updated = origin + 3 * 3_600_000 + Int64(number - 24) * 2_500  // same minute 15:00, later seconds
            default: updated = origin + 4 * 3_600_000 + Int64(number) * 60_000
            }
            state.append(
                project: "ENG", summary: "Engineering task \(number)", status: statuses[number % 3], type: types[number % 3],
                creator: number % 4 == 0 ? colleague.accountId : account.accountId, created: origin - Int64(46 - number) * 86_400_000, updated: updated)
        }
        for number in 1...5 {
            state.append(
                project: "OPS", summary: "Operations chore \(number)", status: "To Do", type: "Task", creator: account.accountId,
                created: origin, updated: origin + Int64(number) * 60_000)
        }
        let firstIssue = state.issues[0].id
        for (index, body) in JiraADFSamples.all.enumerated() {
            let at = origin + Int64(index) * 3_600_000
            state.comments.append(
                JiraCommentRecord(id: state.nextCommentId, issueId: firstIssue, authorId: index % 2 == 0 ? account.accountId : colleague.accountId, body: body, created: at, updated: at + 60_000))
            state.nextCommentId += 1
        }
    }
}

extension JiraState {
    /// Adds an issue with the next number of its project.
    @discardableResult
    mutating func append(project: String, summary: String, status: String, type: String, creator: String, created: Int64, updated: Int64) -> JiraIssueRecord {
        let number = (issues.filter { $0.projectKey == project }.map(\.number).max() ?? 0) + 1
        let issue = JiraIssueRecord(
            id: nextIssueId, projectKey: project, number: number, summary: summary, status: status, type: type, creatorId: creator, created: created,
            updated: updated)
        nextIssueId += 1
        issues.append(issue)
        return issue
    }
}
