import ConnectorModel
import Testing

/// Browsing the Salesforce connector, over REST.
extension SalesforceSession {
    /// Every element of a listing in pages of `limit`; also how many pages it took.
    func browseAll(
        _ kind: String, _ connectionId: String, query: String = "", limit: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (elements: [JSONValue], pages: Int) {
        let (elements, cursors) = try await browseAll(
            connector: "salesforce", kind, connectionId, query: "&limit=\(limit)\(query)", sourceLocation: sourceLocation)
        return (elements, cursors.count + 1)
    }

    /// GET containers once (the cheapest call that reaches Salesforce).
    func listContainers(_ connectionId: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> HostReply {
        try await browse(connector: "salesforce", "containers", connectionId, sourceLocation: sourceLocation)
    }
}
