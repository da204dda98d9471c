import ConnectorSDK
import StandIns
import Testing

@testable import JiraConnector

/// Both ways into Jira: the gateway with an OAuth bearer token, the site
/// with basic e-mail:API token. `validate` and `probe` with each.
@Suite struct JiraAuthMethodTests {
    @Test(arguments: [true, false])
    func validateNamesTheAccount(oauth: Bool) async throws {
        let harness = try await JiraHarness.start()
        let connection = oauth ? harness.oauthConnection() : harness.apiTokenConnection()
        let result = try await harness.call(.validate, NoInput(), connection: connection, as: ValidationResult.self)
        #expect(result.valid)
        #expect(result.account?["accountId"] == .string(harness.identity.account.accountId))
        #expect(result.account?["displayName"] == "Mia Krystof")
        #expect(result.details?["authMethod"] == (oauth ? "oauth" : "api_token"))
        let paths = harness.cloud.apiServer.exchanges.all.map(\.path)
        #expect(paths == [oauth ? "/ex/jira/\(harness.jira.cloudId)/rest/api/3/myself" : "/rest/api/3/myself"])
        await harness.stop()
    }

    @Test func aWrongAPITokenIsInvalidNotAnError() async throws {
        let harness = try await JiraHarness.start()
        let result = try await harness.call(.validate, NoInput(), connection: harness.apiTokenConnection(token: "wrong-token"), as: ValidationResult.self)
        #expect(!result.valid)
        #expect(result.details?["code"] == "auth_expired")
        #expect(result.message.contains("401"))
        await harness.stop()
    }

    @Test func missingSettingsAreNamed() async throws {
        let harness = try await JiraHarness.start()
        var connection = harness.apiTokenConnection()
        connection.config["email"] = nil
        let result = try await harness.call(.validate, NoInput(), connection: connection, as: ValidationResult.self)
        #expect(!result.valid)
        #expect(result.message.contains("email"))
        #expect(harness.cloud.apiServer.exchanges.all.isEmpty)
        await harness.stop()
    }

    @Test func anAPITokenNeverTravelsInClearTextToARemoteHost() async throws {
        let harness = try await JiraHarness.start()
        var connection = harness.apiTokenConnection()
        connection.config["siteUrl"] = "http://acme.atlassian.net"
        let result = try await harness.call(.validate, NoInput(), connection: connection, as: ValidationResult.self)
        #expect(!result.valid)
        #expect(result.message.contains("https"))
        await harness.stop()
    }

    @Test(arguments: [true, false])
    func probeReportsTheServerAndGrantedScopes(oauth: Bool) async throws {
        let harness = try await JiraHarness.start()
        let connection = oauth ? harness.oauthConnection() : harness.apiTokenConnection()
        let result = try await harness.call(.probe, NoInput(), connection: connection, as: ProbeResult.self)
        #expect(result.status == .ready)
        #expect(result.details?["server"]?["deploymentType"] == "Cloud")
        #expect(result.details?["server"]?["version"] == "1001.0.0-SNAPSHOT")
        if oauth {
            #expect(result.details?["scopes"]?.arrayValue?.contains("manage:jira-webhook") == true)
        } else {
            #expect(result.details?["scopes"] == .null)
        }
        await harness.stop()
    }

    @Test func probeOfAnUnreachableSiteSaysSo() async throws {
        let harness = try await JiraHarness.start()
        harness.jira.faults.injectNext(.status(503))
        let result = try await harness.call(.probe, NoInput(), connection: harness.apiTokenConnection(), as: ProbeResult.self)
        #expect(result.status == .unreachable)
        #expect(result.details?["code"] == "upstream_unavailable")
        await harness.stop()
    }
}
