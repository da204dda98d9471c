import ConnectorSDK
import ConnectorSDKTesting
import Testing

@testable import PostgreSQLConnector

@Suite struct PostgreSQLManifestTests {
    @Test func registersWithBothCredentialForms() async throws {
        let host = try TestHost(PostgreSQLConnector.self)
        #expect(host.manifest.id == "postgresql")
        #expect(host.manifest.authMethod(.basic)?.fields?.first { $0.name == "password" }?.secret == true)
        #expect(host.manifest.authMethod(.connectionString)?.fields?.first?.secret == true)
        #expect(host.manifest.authMethod(.oauth2) == nil)
        await host.shutdown()
    }

    @Test func declaresBrowsingAndSyncButNoWebhooks() async throws {
        try await withHost { host in
            let operations = Set(host.manifest.operations.map(\.rawValue))
            #expect(operations == ["ping", "validate", "probe", "containers.list", "items.list", "comments.list", "sync.page"])
            #expect(host.manifest.configSchema["properties"]?["statementTimeoutMs"] != nil)
            #expect(host.manifest.configSchema["properties"]?["syncCursorColumn"] != nil)
        }
    }

    @Test func probeNeedsNoOperatorSettings() async throws {
        let host = try TestHost(PostgreSQLConnector.self)
        let result = try await host.call(.probe, input: NoInput(), as: ProbeResult.self)
        #expect(result.status == .ready)
        #expect(result.availableAuthMethods == [.basic, .connectionString])
        await host.shutdown()
    }
}
