import ConnectorModel
import ConnectorSDK

/// The cursor of listings ordered by a catalog name (schemas, tables): the
/// last name of the previous page, tied to the listing it came from.
struct NamePosition: Codable, Sendable {
    /// "schemas", or the schema id whose tables are listed.
    let scope: String
    let after: String

    /// The name to resume after, or nil for the first page.
    static func after(_ cursor: String?, scope: String) throws -> String? {
        guard let cursor else { return nil }
        let position = try Cursor.decode(cursor, as: NamePosition.self)
        guard position.scope == scope else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The cursor belongs to another listing.")
        }
        return position.after
    }

    /// The cursor after `last`, when the page was full.
    static func next(_ last: String?, scope: String, hasMore: Bool) throws -> String? {
        guard hasMore, let last else { return nil }
        return try Cursor.encode(NamePosition(scope: scope, after: last))
    }
}
