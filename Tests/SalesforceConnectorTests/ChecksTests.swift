import ConnectorSDK
import StandIns
import Testing

@testable import SalesforceConnector

@Suite struct SalesforceChecksTests {
    @Test func validateNamesTheUserAndOrgBehindTheToken() async throws {
        try await SalesforceHarness.run { harness in
            let connection = harness.connection()
            let result: ValidationResult = try await harness.call(.validate, NoInput(), connection: connection)
            #expect(result.valid)
            #expect(
                result.account == [
                    "user_id": .string(harness.salesforce.org.adminUserId), "organization_id": .string(harness.salesforce.oauth.organizationId),
                    "preferred_username": "ada@example.com", "name": "Ada Admin",
                ])
            let userInfo = try #require(harness.salesforce.exchanges.all.last)
            #expect(userInfo.path == "/services/oauth2/userinfo")
            #expect(userInfo.requestHeaders["authorization"] == "Bearer \(connection.credentials?.accessToken ?? "")")
        }
    }

    @Test func validateWithADeadTokenAsksTheHostToRefresh() async throws {
        try await SalesforceHarness.run { harness in
            let connection = harness.connection()
            harness.salesforce.oauth.expireAccessTokens()
            let expired = await #expect(throws: ErrorDocument.self) {
                let _: ValidationResult = try await harness.call(.validate, NoInput(), connection: connection)
            }
            #expect(expired?.code == "auth_expired")
        }
    }

    @Test func validateWithoutAnInstanceUrlIsInvalidAndSaysWhy() async throws {
        try await SalesforceHarness.run { harness in
            let connection = ConnectionContext(config: [:], credentials: Credentials(type: .oauth2, accessToken: "token"))
            let result: ValidationResult = try await harness.call(.validate, NoInput(), connection: connection)
            #expect(!result.valid)
            #expect(result.message.contains("instanceUrl"))
            #expect(harness.salesforce.exchanges.all.isEmpty)
        }
    }

    @Test func probeReportsTheDailyRequestBudgetAndTheLimitHeader() async throws {
        try await SalesforceHarness.run { harness in
            let connection = harness.connection()
            let _: Page<Container> = try await harness.call(.listContainers, ListRequest(), connection: connection)
            let probe: ProbeResult = try await harness.call(.probe, NoInput(), connection: connection)
            #expect(probe.status == .ready)
            #expect(probe.details?["apiVersion"] == "66.0")
            #expect(probe.details?["instanceUrl"] == .string(harness.salesforce.instanceURL))
            #expect(probe.details?["dailyApiRequests"]?["max"] == 15_000)
            // The listing and the limits call itself: the limits resource counts itself.
            #expect(probe.details?["dailyApiRequests"]?["remaining"] == 14_998)
            #expect(probe.details?["limitInfo"] == "api-usage=2/15000")
            let limits = try #require(harness.salesforce.exchanges.all.last)
            #expect(limits.path == "/services/data/v66.0/limits")
        }
    }

    @Test func probeUsesTheConfiguredApiVersion() async throws {
        try await SalesforceHarness.run { harness in
            var settings = harness.settings
            settings.config["apiVersion"] = "61.0"
            let probe: ProbeResult = try await harness.call(.probe, NoInput(), connection: harness.connection(), settings: settings)
            #expect(probe.details?["apiVersion"] == "61.0")
            #expect(harness.salesforce.exchanges.all.last?.path == "/services/data/v61.0/limits")

            settings.config["apiVersion"] = "v61"
            let refused: ProbeResult = try await harness.call(.probe, NoInput(), connection: harness.connection(), settings: settings)
            #expect(refused.status == .notConfigured)
            #expect(refused.message.contains("apiVersion"))
        }
    }

    @Test func probeReportsAnUnreachableOrgInsteadOfFailing() async throws {
        try await SalesforceHarness.run { harness in
            harness.salesforce.inject(.serverError)
            let probe: ProbeResult = try await harness.call(.probe, NoInput(), connection: harness.connection())
            #expect(probe.status == .unreachable)
            #expect(probe.details?["code"] == "upstream_unavailable")
        }
    }

    @Test func probeWithoutAConnectionReportsOnboardingReadiness() async throws {
        try await SalesforceHarness.run { harness in
            let probe: ProbeResult = try await harness.call(.probe, NoInput(), connection: nil)
            #expect(probe.status == .ready)
            #expect(probe.availableAuthMethods == [.oauth2])
            #expect(harness.salesforce.exchanges.all.isEmpty)
        }
    }
}
