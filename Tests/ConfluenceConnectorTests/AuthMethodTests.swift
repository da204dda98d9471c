import ConnectorSDK
import StandIns
import Testing

@testable import ConfluenceConnector

/// Both ways into Confluence, with `validate` and `probe`; and no webhooks.
@Suite struct ConfluenceAuthMethodTests {
    @Test(arguments: [true, false])
    func validateNamesTheAccount(oauth: Bool) async throws {
        let harness = try await ConfluenceHarness.start()
        let result = try await harness.call(.validate, NoInput(), connection: oauth ? harness.oauthConnection() : harness.apiTokenConnection(), as: ValidationResult.self)
        #expect(result.valid)
        #expect(result.account?["accountId"] == .string(harness.identity.account.accountId))
        #expect(result.account?["emailAddress"] == "mia@example.com")
        let path = try #require(harness.cloud.apiServer.exchanges.all.first?.path)
        #expect(path == (oauth ? "/ex/confluence/\(harness.cloudId)/wiki/rest/api/user/current" : "/wiki/rest/api/user/current"))
        await harness.stop()
    }

    @Test func aWrongAPITokenIsInvalid() async throws {
        let harness = try await ConfluenceHarness.start()
        let result = try await harness.call(.validate, NoInput(), connection: harness.apiTokenConnection(token: "nope"), as: ValidationResult.self)
        #expect(!result.valid)
        #expect(result.details?["code"] == "auth_expired")
        await harness.stop()
    }

    @Test(arguments: [true, false])
    func probeWithAConnection(oauth: Bool) async throws {
        let harness = try await ConfluenceHarness.start()
        let result = try await harness.call(.probe, NoInput(), connection: oauth ? harness.oauthConnection() : harness.apiTokenConnection(), as: ProbeResult.self)
        #expect(result.status == .ready)
        #expect(result.details?["spacesVisible"] == true)
        #expect(result.details?["wikiUrl"] == "https://acme.atlassian.net/wiki")
        #expect((result.details?["scopes"]?.arrayValue != nil) == oauth)
        await harness.stop()
    }

    @Test func webhooksAreNotOffered() async throws {
        let harness = try await ConfluenceHarness.start()
        #expect(!harness.host.manifest.operations.contains(.subscribeWebhook))
        #expect(harness.host.manifest.capabilities?["webhooks"]?["alternative"] == "incremental_sync")
        #expect(harness.host.manifest.operations.contains(.syncPage))
        let refused = await harness.failure(.subscribeWebhook, WebhookSubscribeRequest(callbackUrl: "https://h.example/x"), connection: harness.oauthConnection())
        #expect(refused?.code == "unsupported_operation")
        await harness.stop()
    }
}
