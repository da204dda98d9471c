import ConnectorModel
import Foundation
import Testing

/// Browsing, over REST.
extension AtlassianSession {
    /// One page of a listing (`containers`, `items`, `comments`).
    func browse(
        _ connector: AtlassianConnector, _ kind: String, _ connectionId: String, query: String = "", cursor: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> AtlassianReply {
        let cursorParameter = cursor.map { "&cursor=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        return try await get("/api/connectors/\(connector.id)/\(kind)?connectionId=\(connectionId)\(query)\(cursorParameter)", sourceLocation: sourceLocation)
    }

    /// Every element of a listing, following `nextCursor` until it is absent;
    /// also returns the cursors it followed.
    func browseAll(
        _ connector: AtlassianConnector, _ kind: String, _ connectionId: String, query: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (elements: [JSONValue], cursors: [String]) {
        var elements: [JSONValue] = []
        var cursors: [String] = []
        var cursor: String?
        repeat {
            let page = try await browse(connector, kind, connectionId, query: query, cursor: cursor, sourceLocation: sourceLocation)
            try #require(page.status == 200, "\(kind): \(page.text)", sourceLocation: sourceLocation)
            elements += page.data["items"]?.arrayValue ?? []
            cursor = page.data["nextCursor"]?.stringValue
            if let cursor { cursors.append(cursor) }
            try #require(cursors.count < 100, "\(kind) never ended", sourceLocation: sourceLocation)
        } while cursor != nil
        return (elements, cursors)
    }

    /// GET containers once: the cheapest call that reaches the provider.
    func listContainers(_ connector: AtlassianConnector, _ connectionId: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> AtlassianReply
    {
        try await browse(connector, "containers", connectionId, sourceLocation: sourceLocation)
    }
}

// `ids` of a JSON array comes from HostTesting (shared by every end-to-end suite).
