import AtlassianCloud
import ConnectorSDK
import Egress
import Foundation
import StandIns
import Testing

@testable import JiraConnector

/// Every failure Jira (or the network) can produce, as the unified error.
@Suite struct JiraErrorMappingTests {
    static let list = ListRequest(containerId: "ENG", limit: 5)

    @Test func anExpiredTokenIsAuthExpired() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        harness.identity.expireAccessTokens()
        let error = await harness.failure(.listItems, Self.list, connection: connection)
        #expect(error?.code == "auth_expired")
        #expect(error?.details?["providerStatus"] == 401)
        await harness.stop()
    }

    @Test func aMissingScopeIsAuthExpiredSoTheHostRefreshesOrReconnects() async throws {
        let harness = try await JiraHarness.start()
        let error = await harness.failure(.listItems, Self.list, connection: harness.oauthConnection(scopes: ["read:jira-user"]))
        #expect(error?.code == "auth_expired")
        await harness.stop()
    }

    @Test(arguments: [(403, "forbidden"), (500, "upstream_unavailable"), (502, "upstream_unavailable"), (418, "upstream_bad_response")])
    func statuses(status: Int, code: String) async throws {
        let harness = try await JiraHarness.start()
        harness.jira.faults.injectNext(.status(status))
        let error = await harness.failure(.listContainers, ListRequest(), connection: harness.apiTokenConnection())
        #expect(error?.code == code)
        #expect(error?.details?["providerStatus"] == .number(Double(status)))
        await harness.stop()
    }

    @Test func anUnknownIssueIsNotFound() async throws {
        let harness = try await JiraHarness.start()
        let error = await harness.failure(.listComments, ListRequest(itemId: "ENG-999"), connection: harness.oauthConnection())
        #expect(error?.code == "not_found")
        await harness.stop()
    }

    @Test func aLongRetryAfterIsPassedOn() async throws {
        let harness = try await JiraHarness.start()
        harness.jira.faults.injectNext(.rateLimited(retryAfter: 120))
        let error = await harness.failure(.listItems, Self.list, connection: harness.oauthConnection())
        #expect(error?.code == "rate_limited")
        #expect(error?.retryAfter == 120)
        await harness.stop()
    }

    @Test func theResetInstantIsUsedWithoutRetryAfter() async throws {
        let harness = try await JiraHarness.start()
        let reset = AtlassianTimestamp(Date().addingTimeInterval(600)).rfc3339
        harness.jira.faults.injectNext(.rateLimited(retryAfter: nil, reset: reset))
        let error = await harness.failure(.listItems, Self.list, connection: harness.oauthConnection())
        #expect(error?.code == "rate_limited")
        let wait = try #require(error?.retryAfter)
        #expect(wait > 60 && wait <= 600)
        await harness.stop()
    }

    @Test func aShortRetryAfterIsWaitedOutByTheHost() async throws {
        let harness = try await JiraHarness.start()
        harness.jira.faults.injectNext(.rateLimited(retryAfter: 1))
        let page = try await harness.call(.listItems, Self.list, connection: harness.oauthConnection(), as: Page<Item>.self)
        #expect(page.items.count == 5)
        #expect(harness.cloud.apiServer.exchanges.all.map(\.status).suffix(2) == [429, 200])
        await harness.stop()
    }

    @Test func garbageIsABadResponse() async throws {
        let harness = try await JiraHarness.start()
        harness.jira.faults.injectNext(.garbage)
        let error = await harness.failure(.listItems, Self.list, connection: harness.oauthConnection())
        #expect(error?.code == "upstream_bad_response")
        await harness.stop()
    }

    @Test func noAnswerInTimeIsUpstreamUnavailable() async throws {
        let harness = try await JiraHarness.start(egress: EgressConfiguration(defaultTimeout: .milliseconds(500)))
        harness.jira.faults.injectNext(.slow(.seconds(2)))
        let error = await harness.failure(.listContainers, ListRequest(), connection: harness.apiTokenConnection())
        #expect(error?.code == "upstream_unavailable")
        #expect(error?.details?["transport"] == "timeout")
        await harness.stop()
    }

    @Test func anUnreachableSiteIsUpstreamUnavailable() async throws {
        let harness = try await JiraHarness.start()
        var connection = harness.apiTokenConnection()
        connection.config["siteUrl"] = "http://127.0.0.1:9"
        let error = await harness.failure(.listContainers, ListRequest(), connection: connection)
        #expect(error?.code == "upstream_unavailable")
        await harness.stop()
    }
}
