import ConnectorSDK

/// Positions inside opaque cursors. They carry checked parts, never JQL or
/// URLs, so a forged cursor can only name another page of the same query.
enum JiraCursors {
    /// Offset paging (projects, comments).
    struct Offset: Codable, Sendable {
        var startAt: Int
        /// The issue a comment cursor belongs to.
        var item: String?
    }

    /// Token paging through `/search/jql`, with what rebuilds the same JQL.
    struct Search: Codable, Sendable {
        var project: String
        var since: Int64?
        var timeZone: String?
        /// nil for the first page.
        var token: String?
    }

    static func offset(_ cursor: String?, item: String? = nil) throws -> Int {
        guard let cursor else { return 0 }
        let position = try Cursor.decode(cursor, as: Offset.self)
        guard position.startAt >= 0, position.item == item else { throw foreign() }
        return position.startAt
    }

    /// The error for a cursor from another list.
    static func foreign() -> ErrorDocument {
        ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The cursor belongs to a different list; start again without it.")
    }
}
