import ConnectorSDK

/// Positions inside opaque cursors: the provider's cursor value and which
/// list it continues, so a cursor cannot be replayed against another list.
struct ConfluenceCursor: Codable, Sendable {
    /// "spaces", "pages:<space id>", "comments:<page id>".
    var list: String
    var cursor: String
    /// `updatedSince` of a page list, in epoch milliseconds.
    var since: Int64?

    /// The position of `cursor`, or nil to start; refuses a cursor of another list.
    static func resume(_ cursor: String?, list: String) throws -> ConfluenceCursor? {
        guard let cursor else { return nil }
        let position = try Cursor.decode(cursor, as: ConfluenceCursor.self)
        guard position.list == list else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The cursor belongs to a different list; start again without it.")
        }
        return position
    }

    /// The opaque `nextCursor` for the provider's `next`, if any.
    static func next(_ next: String?, list: String, since: Int64? = nil) throws -> String? {
        try next.map { try Cursor.encode(ConfluenceCursor(list: list, cursor: $0, since: since)) }
    }
}
