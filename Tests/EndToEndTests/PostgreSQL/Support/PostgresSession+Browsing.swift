import ConnectorModel
import Foundation
import Testing

/// Browsing over REST: GET /api/connectors/postgresql/containers|items|comments.
extension PostgresSession {
    /// GET /api/connectors/postgresql/`resource`?connectionId=…&… with every
    /// value percent-encoded, so quotes, semicolons and spaces reach the host as sent.
    func browse(
        _ resource: String, _ connectionId: String, _ query: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HostReply {
        let parameters = [("connectionId", connectionId)] + query.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let text = parameters.map { "\($0)=\(Self.percentEncoded($1))" }.joined(separator: "&")
        return try await get("/api/connectors/postgresql/\(resource)?\(text)", sourceLocation: sourceLocation)
    }

    /// Every item of `containerId`, following `nextCursor` with pages of `limit`; also the page count.
    func allItems(_ connectionId: String, _ containerId: String, limit: Int, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> (items: [JSONValue], pages: Int)
    {
        var items: [JSONValue] = []
        var cursor: String?
        var pages = 0
        repeat {
            var query = ["containerId": containerId, "limit": String(limit)]
            query["cursor"] = cursor
            let page = try await browse("items", connectionId, query, sourceLocation: sourceLocation)
            try #require(page.status == 200, "items page \(pages + 1): \(page.text)", sourceLocation: sourceLocation)
            let found = page.data["items"]?.arrayValue ?? []
            #expect(found.count <= limit, sourceLocation: sourceLocation)
            items += found
            cursor = page.data["nextCursor"]?.stringValue
            pages += 1
        } while cursor != nil && pages < 1000
        return (items, pages)
    }

    /// `value` with everything but unreserved characters percent-encoded.
    static func percentEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
