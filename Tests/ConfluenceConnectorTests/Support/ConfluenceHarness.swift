import ConfluenceConnector
import ConnectorTestSupport
import Egress
import StandIns

typealias ConfluenceHarness = AtlassianConnectorHarness

extension AtlassianConnectorHarness {
    /// The Confluence connector against the Atlassian stand-ins.
    static func start(egress configuration: EgressConfiguration = .default) async throws -> ConfluenceHarness {
        try await start(ConfluenceConnector.self, scopes: AtlassianCloudStandIn.confluenceScopes, egress: configuration)
    }

    var confluence: ConfluenceStandIn { cloud.confluence }
}
