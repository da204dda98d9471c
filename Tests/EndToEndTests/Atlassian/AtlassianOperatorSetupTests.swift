import ConnectorModel
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// The operator's part: the OAuth app and the Atlassian endpoints, set over
    /// REST; the secret is kept but never shown again.
    @Suite struct AtlassianOperatorSetupTests {
        @Test(arguments: AtlassianConnector.allCases)
        func settingsAreStoredMaskedAndMakeTheConnectorReady(_ connector: AtlassianConnector) async throws {
            try await AtlassianHost.run { session in
                let secret = session.cloud.identity.app.clientSecret
                let shown = try await session.get("/api/connectors/\(connector.id)", tenant: nil)
                #expect(shown.status == 200)
                #expect(!shown.text.contains(secret), "the client secret is shown")
                #expect(shown.text.contains(session.cloud.authURL), "the auth endpoint override is not shown: \(shown.text)")
                #expect(shown.text.contains(session.cloud.identity.app.clientId))

                let probe = try await session.post("/api/connectors/\(connector.id)/probe", tenant: nil)
                #expect(probe.status == 200, "\(probe.text)")
                #expect(probe.data["status"] == "ready", "\(probe.text)")
                #expect(session.replies.allSatisfy { !$0.everything.contains(secret) })
            }
        }

        @Test func anEndpointTheManifestDoesNotNameIsRefused() async throws {
            try await AtlassianHost.run { session in
                let reply = try await session.call(.patch, "/api/connectors/jira", json: ["endpoints": ["site": "https://elsewhere.example"]], tenant: nil)
                #expect(reply.status == 400)
                #expect(reply.body["error"]?["details"]?["field"] == "endpoints.site")
            }
        }
    }
}
