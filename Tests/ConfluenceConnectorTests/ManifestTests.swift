import ConnectorSDK
import ConnectorSDKTesting
import Testing

@testable import ConfluenceConnector

@Suite struct ConfluenceManifestTests {
    @Test func registersWithAManifestThatFollowsTheRules() async throws {
        let host = try TestHost(ConfluenceConnector.self)
        #expect(host.manifest.id == "confluence")
        #expect(host.manifest.authMethod(.oauth2)?.pkce == true)
        #expect(host.manifest.operations.contains(.probe))
        #expect(host.manifest.operations.contains(.validate))
        await host.shutdown()
    }

    @Test func probeWithoutOAuthSettingsNamesWhatIsMissing() async throws {
        let host = try TestHost(ConfluenceConnector.self)
        let result = try await host.call(.probe, input: NoInput(), as: ProbeResult.self)
        #expect(result.status == .notConfigured)
        #expect(result.missing == ["clientId", "clientSecret"])
        await host.shutdown()
    }

    @Test func probeWithOAuthSettingsIsReady() async throws {
        let host = try TestHost(ConfluenceConnector.self)
        let settings = ConnectorSettings(config: ["clientId": "id-1", "clientSecret": "secret-1"], endpoints: host.manifest.endpoints)
        let result = try await host.call(.probe, input: NoInput(), settings: settings, as: ProbeResult.self)
        #expect(result.status == .ready)
        #expect(result.availableAuthMethods?.contains(.oauth2) == true)
        await host.shutdown()
    }
}
