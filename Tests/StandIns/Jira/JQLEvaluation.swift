/// Runs a parsed query over the stand-in's issues as Jira would: dates in
/// the searching user's time zone to the minute, unknown projects refused.
struct JQLEvaluation {
    struct Failure: Error {
        let message: String
    }

    let projects: [JiraProjectRecord]
    let timeZone: String

    func run(_ query: MiniJQL, on issues: [JiraIssueRecord]) throws(Failure) -> [JiraIssueRecord] {
        let tests = try query.anyOf.map { clauses throws(Failure) in try clauses.map { clause throws(Failure) in try predicate(clause) } }
        let matching = issues.filter { issue in tests.contains { all in all.allSatisfy { $0(issue) } } }
        return matching.sorted { lhs, rhs in
            for ordering in query.orderBy {
                let (a, b) = ordering.ascending ? (lhs, rhs) : (rhs, lhs)
                switch ordering.field {
                case "updated": if a.updated != b.updated { return a.updated < b.updated }
                case "created": if a.created != b.created { return a.created < b.created }
                default: if a.key != b.key { return (a.projectKey, a.number) < (b.projectKey, b.number) }
                }
            }
            return (lhs.projectKey, lhs.number) > (rhs.projectKey, rhs.number)  // Jira's default: newest key first
        }
    }

    /// Whether a webhook filter selects `issue`; a filter that does not parse selects nothing.
    func matches(_ filter: String, _ issue: JiraIssueRecord) -> Bool {
        guard let query = try? MiniJQL.parse(filter), let found = try? run(query, on: [issue]) else { return false }
        return !found.isEmpty
    }

    private func predicate(_ clause: MiniJQL.Clause) throws(Failure) -> (JiraIssueRecord) -> Bool {
        switch clause.field {
        case "project":
            if clause.op == "!=" && clause.values == ["null"] { return { _ in true } }
            let keys = try clause.values.map { value throws(Failure) in
                guard let project = projects.first(where: { $0.key.caseInsensitiveCompare(value) == .orderedSame || String($0.id) == value }) else {
                    throw Failure(message: "The value '\(value)' does not exist for the field 'project'.")
                }
                return project.key
            }
            switch clause.op {
            case "=", "IN": return { keys.contains($0.projectKey) }
            case "!=", "NOT IN": return { !keys.contains($0.projectKey) }
            default: throw Failure(message: "The operator '\(clause.op)' is not supported by the 'project' field.")
            }
        case "key", "issuekey", "issue", "id":
            let values = clause.values.map { $0.uppercased() }
            switch clause.op {
            case "=", "IN": return { values.contains($0.key) || values.contains(String($0.id)) }
            case "!=", "NOT IN": return { !values.contains($0.key) && !values.contains(String($0.id)) }
            default: throw Failure(message: "The operator '\(clause.op)' is not supported by the 'key' field.")
            }
        case "updated", "created":
            guard let value = clause.values.first, let instant = dateLiteral(value) else {
                throw Failure(message: "Date value '\(clause.values.first ?? "")' for field '\(clause.field)' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd'.")
            }
            let read: (JiraIssueRecord) -> Int64 = clause.field == "updated" ? { $0.updated } : { $0.created }
            switch clause.op {
            case ">=": return { read($0) >= instant }
            case ">": return { read($0) > instant }
            case "<=": return { read($0) <= instant }
            case "<": return { read($0) < instant }
            case "=": return { read($0) >= instant && read($0) < instant + 60_000 }
            default: throw Failure(message: "The operator '\(clause.op)' is not supported by the '\(clause.field)' field.")
            }
        default:
            throw Failure(message: "Field '\(clause.field)' does not exist or you do not have permission to view it.")
        }
    }

    /// `yyyy/MM/dd HH:mm`, `yyyy-MM-dd HH:mm`, or a date alone, in the user's time zone.
    private func dateLiteral(_ text: String) -> Int64? {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0) }
        guard parts.count == 3 || parts.count == 5, parts.allSatisfy({ $0 != nil }) else { return nil }
        let numbers = parts.map { $0! }
        return AtlassianTime.millis(
            year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers.count == 5 ? numbers[3] : 0, minute: numbers.count == 5 ? numbers[4] : 0,
            timeZone: timeZone)
    }
}
