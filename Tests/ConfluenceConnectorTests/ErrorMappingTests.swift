import ConnectorSDK
import Egress
import StandIns
import Testing

@testable import ConfluenceConnector

/// Confluence failures as the unified errors.
@Suite struct ConfluenceErrorMappingTests {
    @Test func expiredTokensAreAuthExpired() async throws {
        let harness = try await ConfluenceHarness.start()
        let connection = harness.oauthConnection()
        harness.identity.expireAccessTokens()
        #expect(await harness.failure(.listContainers, ListRequest(), connection: connection)?.code == "auth_expired")
        await harness.stop()
    }

    @Test func anUnknownSpaceIsNotFound() async throws {
        let harness = try await ConfluenceHarness.start()
        #expect(await harness.failure(.listItems, ListRequest(containerId: "1"), connection: harness.oauthConnection())?.code == "not_found")
        await harness.stop()
    }

    @Test(arguments: [(403, "forbidden"), (500, "upstream_unavailable")])
    func statuses(status: Int, code: String) async throws {
        let harness = try await ConfluenceHarness.start()
        harness.confluence.faults.injectNext(.status(status))
        #expect(await harness.failure(.listContainers, ListRequest(), connection: harness.apiTokenConnection())?.code == code)
        await harness.stop()
    }

    @Test func rateLimitsAndGarbage() async throws {
        let harness = try await ConfluenceHarness.start()
        let connection = harness.oauthConnection()
        harness.confluence.faults.injectNext(.rateLimited(retryAfter: 90))
        let limited = await harness.failure(.listContainers, ListRequest(), connection: connection)
        #expect(limited?.code == "rate_limited")
        #expect(limited?.retryAfter == 90)
        harness.confluence.faults.injectNext(.garbage)
        #expect(await harness.failure(.listContainers, ListRequest(), connection: connection)?.code == "upstream_bad_response")
        await harness.stop()
    }

    /// A short egress timeout of its own, so a loaded machine cannot time out the other cases.
    @Test func silence() async throws {
        let harness = try await ConfluenceHarness.start(egress: EgressConfiguration(defaultTimeout: .milliseconds(500)))
        harness.confluence.faults.injectNext(.slow(.seconds(5)))
        let silent = await harness.failure(.listContainers, ListRequest(), connection: harness.oauthConnection())
        #expect(silent?.code == "upstream_unavailable")
        #expect(silent?.details?["transport"] == "timeout")
        await harness.stop()
    }
}
