import ConnectorModel
import Foundation
import Testing

/// Browsing, over REST.
extension HostSession {
    /// One page of a listing (`containers`, `items`, `comments`) of `connector`;
    /// `query` adds parameters, each starting with `&`.
    func browse(
        connector: String, _ kind: String, _ connectionId: String, query: String = "", cursor: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HostReply {
        let cursorParameter = cursor.map { "&cursor=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        return try await get("/api/connectors/\(connector)/\(kind)?connectionId=\(connectionId)\(query)\(cursorParameter)", sourceLocation: sourceLocation)
    }

    /// Every element of a listing, following `nextCursor` until it is absent;
    /// also returns the cursors it followed.
    func browseAll(
        connector: String, _ kind: String, _ connectionId: String, query: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (elements: [JSONValue], cursors: [String]) {
        var elements: [JSONValue] = []
        var cursors: [String] = []
        var cursor: String?
        repeat {
            let page = try await browse(connector: connector, kind, connectionId, query: query, cursor: cursor, sourceLocation: sourceLocation)
            try #require(page.status == 200, "\(kind): \(page.text)", sourceLocation: sourceLocation)
            elements += page.data["items"]?.arrayValue ?? []
            cursor = page.data["nextCursor"]?.stringValue
            if let cursor { cursors.append(cursor) }
            try #require(cursors.count < 100, "\(kind) never ended", sourceLocation: sourceLocation)
        } while cursor != nil
        return (elements, cursors)
    }
}
