import ConnectorModel
import Foundation
import HostServer
import HostTesting
import StandIns
import TestKit
import Testing

extension AtlassianEndToEnd {
    /// Two hosts on one store refresh the same connection at once. Atlassian
    /// honours the refresh token once; the host that loses must take the
    /// winner's new tokens, not declare the connection in need of reauthorization.
    @Suite struct AtlassianCrossHostRefreshTests {
        @Test func theHostThatLosesTheRefreshRaceAdoptsTheWinnersTokens() async throws {
            let shared = try TemporaryDirectory("atlassian-two-hosts")
            defer { shared.remove() }
            let configure: (inout HostConfiguration) -> Void = { $0.sqlitePath = shared.file("store/host.sqlite").path }
            try await AtlassianHost.withCloud { cloud in
                try await HeldRefreshProxy.with(upstreamPort: cloud.authServer.port) { proxy in
                    try await AtlassianHost.serve(cloud, configure: configure) { first in
                        try await AtlassianHost.serve(cloud, configure: configure) { second in
                            try await race(first, second, proxy)
                        }
                    }
                }
            }
        }

        private func race(_ first: AtlassianSession, _ second: AtlassianSession, _ proxy: HeldRefreshProxy) async throws {
            let cloud = first.cloud
            let app = cloud.identity.app
            let settings = try await first.call(
                .patch, "/api/connectors/jira",
                json: ["config": ["clientId": .string(app.clientId), "clientSecret": .string(app.clientSecret)],
                       "endpoints": ["auth": .string(proxy.url), "api": .string(cloud.apiURL)]],
                tenant: nil)
            try #require(settings.status == 200, "\(settings.text)")
            let connectionId = try await first.connectOAuth(.jira)
            let issued = try #require(cloud.tokenResponses.last)
            // The stored token expires within the refresh margin, for both hosts.
            let stored = try await first.post(
                "/api/connections/token",
                ["connectionId": .string(connectionId),
                 "token": ["type": "oauth2", "accessToken": issued["access_token"] ?? .null, "refreshToken": issued["refresh_token"] ?? .null,
                           "expiresAt": .string(ISO8601DateFormatter().string(from: Date().addingTimeInterval(60)))]])
            try #require(stored.status == 200, "\(stored.text)")

            // The first host refreshes; Atlassian rotates the token, its answer is held on the way back.
            let winner = Task { try await first.listContainers(.jira, connectionId) }
            try await eventually("the first host's refresh to reach Atlassian") { proxy.isHolding }
            // The second host refreshes with the token Atlassian just rotated away.
            let loser = Task { try await second.listContainers(.jira, connectionId) }
            try await eventually("the second host's refresh to be answered") { proxy.refreshGrantsAnswered >= 2 }
            proxy.release()

            let won = try await winner.value
            let lost = try await loser.value
            #expect(won.status == 200, "\(won.text)")
            #expect(lost.status == 200, "the host that lost the refresh race answered: \(lost.text)")
            #expect(try await first.connection(connectionId)["status"] == "connected")
            #expect(!(try await first.auditTrail()).contains { $0.action == "connection.needs_reauth" })
        }
    }
}
