import ConnectorModel
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// API-token onboarding: the host has the connector ask the site who the
    /// token belongs to before it stores anything.
    @Suite struct AtlassianAPITokenOnboardingTests {
        @Test(arguments: AtlassianConnector.allCases)
        func aWorkingTokenIsValidatedThenStored(_ connector: AtlassianConnector) async throws {
            try await AtlassianHost.run { session in
                let cloud = session.cloud
                let hint = try await session.post("/api/connectors/\(connector.id)/connect", ["method": "api_key"])
                #expect(hint.status == 200)
                #expect(hint.data["fields"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["siteUrl", "email", "apiKey"])

                let callback = try await session.submitAPIToken(connector)
                try #require(callback.status == 201, "\(callback.text)")
                let connectionId = try #require(callback.data["connectionId"]?.stringValue)
                let asked = cloud.apiExchanges(endingWith: connector.whoAmIPath)
                #expect(asked.count == 1)
                #expect(asked.first?.path == connector.whoAmIPath, "asked the site itself, not the gateway")
                #expect(asked.first?.authorization?.hasPrefix("Basic ") == true)
                #expect(asked.first?.status == 200)

                let connection = try await session.connection(connectionId)
                #expect(connection["authMethod"] == "api_key")
                #expect(connection["config"]?["siteUrl"] == .string(cloud.siteURL))
                #expect(connection["config"]?["email"] == .string(cloud.identity.account.email))
                #expect(connection["account"]?["accountId"] == .string(cloud.identity.account.accountId))
                #expect(connection["token"]?["type"] == "api_key")
                #expect(!callback.text.contains(cloud.identity.account.apiToken))
                #expect(try await session.listContainers(connector, connectionId).status == 200)
            }
        }

        @Test(arguments: AtlassianConnector.allCases)
        func aWrongTokenIsRefusedAndNothingIsStored(_ connector: AtlassianConnector) async throws {
            try await AtlassianHost.run { session in
                let refused = try await session.submitAPIToken(connector, token: "ATATT3x-not-the-accounts-token")
                #expect(refused.status == 422)
                #expect(refused.errorCode == "credentials_invalid")
                #expect(session.cloud.apiExchanges(endingWith: connector.whoAmIPath).map(\.status) == [401])
                #expect(try await session.connections(connector).isEmpty)
                let audit = try await session.auditTrail()
                #expect(!audit.contains { $0.action == "connection.connected" })
            }
        }
    }
}
