import ConnectorModel
import Foundation
import HTTPTypes
import StandIns
import Testing

/// Jira's side of webhooks: what it delivers, sent where it would send it.
extension AtlassianSession {
    /// POSTs a delivery the Jira stand-in prepared to the URL it names, with its headers, as Jira would.
    func deliver(_ delivery: JiraDelivery, authorization: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> HostReply
    {
        let url = try #require(URLComponents(string: delivery.url), sourceLocation: sourceLocation)
        try #require(
            url.port == rest.port && url.host == "127.0.0.1", "Jira would deliver to \(delivery.url), not to this host", sourceLocation: sourceLocation)
        var headers = HTTPFields()
        for (name, value) in delivery.headers { headers[HTTPField.Name(name)!] = value }
        if let authorization { headers[.authorization] = authorization }
        return try await rest.send(.post, url.percentEncodedPath, headers: headers, body: delivery.body, sourceLocation: sourceLocation)
    }
}
