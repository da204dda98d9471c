import ConnectorModel
import Foundation
import Testing

/// Browsing, over REST.
extension SalesforceSession {
    /// Every element of a listing (`containers`, `items`, `comments`), following
    /// `nextCursor` until it is absent; also returns how many pages it took.
    func browseAll(
        _ kind: String, _ connectionId: String, query: String = "", limit: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (elements: [JSONValue], pages: Int) {
        var elements: [JSONValue] = []
        var cursor: String?
        var pages = 0
        repeat {
            let cursorParameter = cursor.map { "&cursor=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
            let page = try await get(
                "/api/connectors/salesforce/\(kind)?connectionId=\(connectionId)&limit=\(limit)\(query)\(cursorParameter)",
                sourceLocation: sourceLocation)
            try #require(page.status == 200, "\(kind): \(page.text)", sourceLocation: sourceLocation)
            elements += page.data["items"]?.arrayValue ?? []
            cursor = page.data["nextCursor"]?.stringValue
            pages += 1
            try #require(pages < 100, "\(kind) never ended", sourceLocation: sourceLocation)
        } while cursor != nil
        return (elements, pages)
    }

    /// GET containers once (the cheapest call that reaches Salesforce).
    func listContainers(_ connectionId: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> SalesforceReply {
        try await get("/api/connectors/salesforce/containers?connectionId=\(connectionId)", sourceLocation: sourceLocation)
    }
}
