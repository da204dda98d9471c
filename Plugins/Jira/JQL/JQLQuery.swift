/// The JQL the connector sends, built from checked parts only. Every value
/// is a quoted string literal, so even a part that slipped past its check
/// could not end the literal and add clauses.
enum JQLQuery {
    /// `project = "KEY" AND updated >= "2024/03/01 10:05" ORDER BY updated ASC, key ASC`.
    /// Without a project the date clause keeps the query bounded, as `/search/jql` requires.
    static func issues(project: ProjectKey?, updatedFrom: JQLDateLiteral?) -> String {
        var clauses: [String] = []
        if let project { clauses.append("project = \(quoted(project.value))") }
        clauses.append("updated >= \(quoted((updatedFrom ?? .epoch).text))")
        return clauses.joined(separator: " AND ") + " ORDER BY updated ASC, key ASC"
    }

    /// The webhook filter: dynamic webhooks accept only `=`, `!=`, `IN` and
    /// `NOT IN`, and refuse an empty filter, so "every project" is `project != null`.
    static func webhookFilter(project: ProjectKey?) -> String {
        project.map { "project = \(quoted($0.value))" } ?? "project != null"
    }

    /// A JQL string literal: quotes and backslashes escaped.
    static func quoted(_ value: String) -> String {
        "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
