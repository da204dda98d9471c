import ConnectorModel
import StandIns
import TestKit
import Testing

extension AtlassianEndToEnd {
    /// No token Atlassian issued, nor the app secret, the API token or a
    /// webhook signing secret (after the one answer that hands it out) shows up
    /// in the host's logs, in any answer of its REST API or in a URL it requested.
    @Suite struct AtlassianSecretHygieneTests {
        @Test func noSecretInLogsAnswersOrRequestedURLs() async throws {
            try await CallbackReceiver.with { receiver in
                try await AtlassianHost.run(configure: { $0.syncPageSize = 10 }) { session in
                    let signingSecret = try await exercise(session, receiver)
                    let logs = try #require(session.harness?.logs)
                    let cloud = session.cloud
                    let secrets = cloud.issuedTokens + [cloud.identity.app.clientSecret, cloud.identity.account.apiToken]
                    #expect(secrets.count >= 8, "tokens of two code exchanges and refreshes, the app secret, the API token")
                    #expect(logs.all.count > 20)
                    #expect(session.replies.count > 30)
                    let answers = session.replies.map(\.everything)
                    let requestedURLs = (cloud.apiServer.exchanges.all + cloud.authServer.exchanges.all).map { $0.path + "?" + $0.query }
                    // Named by position only, so a failure does not print the secret itself.
                    let leaks = secrets.enumerated().flatMap { index, secret in
                        [("the host's logs", [logs.text]), ("a REST answer", answers), ("a URL the host requested", requestedURLs)]
                            .filter { $0.1.contains { $0.contains(secret) } }.map { "secret #\(index) is in \($0.0)" }
                    }
                    #expect(leaks.isEmpty, "\(leaks)")
                    #expect(answers.filter { $0.contains(signingSecret) }.count == 1, "the signing secret is in more than the subscribe answer")
                    #expect(!logs.text.contains(signingSecret), "the signing secret is in the host's logs")
                }
            }
        }

        /// Everything the connections go through; returns the webhook signing secret.
        private func exercise(_ session: AtlassianSession, _ receiver: CallbackReceiver) async throws -> String {
            let cloud = session.cloud
            let jira = try await session.connectOAuth(.jira)
            let confluence = try await session.connectAPIToken(.confluence)
            _ = try await session.submitAPIToken(.jira, token: "ATATT3x-wrong")
            try await session.get("/api/connections/\(jira)")
            try await session.get("/api/connections/\(jira)/token")
            try await session.get("/api/connections/\(confluence)/token")
            try await session.get("/api/connectors/jira", tenant: nil)
            _ = try await session.browseAll(.jira, "items", jira, query: "&containerId=OPS&limit=2&includeRaw=true")
            _ = try await session.browseAll(.confluence, "comments", confluence, query: "&itemId=200001&limit=3&includeRaw=true")
            cloud.identity.expireAccessTokens()
            #expect(try await session.listContainers(.jira, jira).status == 200)
            let job = try await session.startedJob(.jira, jira, mode: "full", containerId: "OPS")
            #expect(try await session.finishedJob(.jira, job)["status"] == "succeeded")
            _ = try await session.feed(jira)

            let subscribed = try await session.post("/api/connectors/jira/webhooks", ["connectionId": .string(jira), "callbackUrl": .string(receiver.url)])
            let signingSecret = try #require(subscribed.data["signingSecret"]?.stringValue)
            let issue = try #require(cloud.jira.issue("OPS-1"))
            let delivery = try #require(try await cloud.jira.deliveries("jira:issue_created", issue: issue).first)
            #expect(try await session.deliver(delivery).status == 202)
            try await eventually("the forwarded event") { !receiver.received.isEmpty }
            try await session.get("/api/connectors/jira/webhooks?connectionId=\(jira)")

            cloud.jira.faults.injectNext(.status(500))
            #expect(try await session.listContainers(.jira, jira).status == 502)
            cloud.confluence.faults.injectNext(.garbage)
            #expect(try await session.listContainers(.confluence, confluence).status == 502)
            try await session.post("/api/connectors/jira/validate", ["connectionId": .string(jira)])
            try await session.post("/api/connectors/jira/probe", tenant: nil)
            try await session.get("/api/audit-logs?limit=100")

            // A second Jira connection whose refresh token was used elsewhere: the refused refresh is answered and logged too.
            let second = try await session.connectOAuth(.jira)
            let refreshToken = try #require(cloud.tokenResponses.last?["refresh_token"]?.stringValue)
            #expect(try await cloud.redeemRefreshToken(refreshToken).status == 200)
            cloud.identity.expireAccessTokens()
            #expect(try await session.listContainers(.jira, second).status == 409)
            #expect(try await session.post("/api/connectors/confluence/revoke", ["connectionId": .string(confluence)]).status == 200)
            return signingSecret
        }
    }
}
