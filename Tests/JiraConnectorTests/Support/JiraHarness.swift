import ConnectorTestSupport
import Egress
import JiraConnector
import StandIns

typealias JiraHarness = AtlassianConnectorHarness

extension AtlassianConnectorHarness {
    /// The Jira connector against the Atlassian stand-ins.
    static func start(egress configuration: EgressConfiguration = .default) async throws -> JiraHarness {
        try await start(JiraConnector.self, scopes: AtlassianCloudStandIn.jiraScopes, egress: configuration)
    }

    var jira: JiraStandIn { cloud.jira }
}
