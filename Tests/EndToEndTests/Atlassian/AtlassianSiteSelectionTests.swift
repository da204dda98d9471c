import ConnectorModel
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// An account may reach several sites: the client names one when it
    /// starts OAuth, and the connection goes there, or nowhere when the
    /// grant does not cover that site for the product.
    @Suite struct AtlassianSiteSelectionTests {
        @Test func theSiteTheClientNamesIsTheOneConnected() async throws {
            try await AtlassianHost.run { session in
                let beta = try #require(session.cloud.identity.sites.first { $0.name == "beta" })
                let (code, state) = try await session.authorizedCode(.confluence, connectionConfig: ["cloudId": .string(beta.cloudId)])
                let callback = try await session.completeOAuth(.confluence, code: code, state: state)
                try #require(callback.status == 201, "\(callback.text)")
                let connection = try await session.connection(try #require(callback.data["connectionId"]?.stringValue))
                #expect(connection["config"]?["cloudId"] == .string(beta.cloudId))
                #expect(connection["config"]?["siteUrl"] == .string(beta.url))
                #expect(try await session.listContainers(.confluence, try #require(connection["id"]?.stringValue)).status == 200)
                #expect(session.cloud.apiServer.exchanges.all.contains { $0.path.hasPrefix("/ex/confluence/\(beta.cloudId)/") })
            }
        }

        @Test func aSiteWithoutTheProductIsRefusedAndNothingStored() async throws {
            try await AtlassianHost.run { session in
                // beta has Confluence only.
                let beta = try #require(session.cloud.identity.sites.first { $0.name == "beta" })
                let (code, state) = try await session.authorizedCode(.jira, connectionConfig: ["siteUrl": .string(beta.url)])
                let refused = try await session.completeOAuth(.jira, code: code, state: state)
                #expect(refused.errorCode == "forbidden", "\(refused.text)")
                #expect(refused.status == 403)
                #expect(try await session.connections(.jira).isEmpty)
            }
        }
    }
}
