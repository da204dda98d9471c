import ConnectorModel
import Foundation
import HostServer
import HostTesting
import Logging
import Store
import TokenEncryption
import Testing

@Suite struct KeyRotationTests {
    /// Tokens, an operator's connector secret and a webhook signing secret,
    /// all written under the old key, are readable with the new key alone
    /// after one rotation.
    @Test func rotationReencryptsEveryStoredSecretSoTheOldKeyCanGo() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            for index in 0..<3 {
                let created = try await client.post(
                    "/api/connectors/fixture/connect/callback", headers: .tenant("acme"),
                    json: ["siteUrl": "https://a.example", "apiKey": .string("rotation-key-\(index)-abcdef")])
                #expect(created.status == 201)
            }
            let configured = try await client.request(.patch, "/api/connectors/fixture", json: ["config": ["apiSecret": "operator-secret-123"]])
            #expect(configured.status == 200)
        }
        let oldKey = try #require(harness.configuration.encryptionKey)
        let oldOnly = try FernetKeyring(environmentValue: oldKey)
        try await harness.host.store.insertWebhook(
            WebhookRecord(
                id: "whk_rotation", tenantId: "acme", connectionId: "conn_any", connectorId: "fixture", callbackUrl: "https://app.example/hooks",
                encryptedSigningSecret: oldOnly.encrypt(Array("signing-secret-456".utf8)), events: [], containerId: nil, providerIds: [],
                expiresAt: nil, createdAt: Date()))
        let newKey = FernetKey.generate().base64URL
        var rotated = harness.configuration
        rotated.encryptionKey = "\(newKey),\(oldKey)"

        let report = try await KeyRotation.run(configuration: rotated, logger: Logger(label: "test"))

        #expect(report.examined == 5)
        #expect(report.rewritten == 5)
        #expect(report.unreadable.isEmpty)
        let newOnly = try FernetKeyring(environmentValue: newKey)
        for token in try await harness.host.store.allTokens(afterConnectionId: nil, limit: 10) {
            let credentials = try WireCoding.decode(Credentials.self, from: try newOnly.decrypt(token.ciphertext))
            #expect(credentials.apiKey?.hasPrefix("rotation-key-") == true)
        }
        let settings = try #require(try await harness.host.store.connectorSettings("fixture"))
        #expect(try newOnly.decrypt(try #require(settings.encryptedSecrets["apiSecret"])) == Array("operator-secret-123".utf8))
        let webhook = try #require(try await harness.host.store.webhook(id: "whk_rotation"))
        #expect(try newOnly.decrypt(webhook.encryptedSigningSecret) == Array("signing-secret-456".utf8))
        // A second run has nothing left to do.
        #expect(try await KeyRotation.run(configuration: rotated, logger: Logger(label: "test")).rewritten == 0)
    }

    @Test func aSecretNoKeyDecryptsIsReportedAndLeftAsItIs() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        let stranger = try FernetKeyring(environmentValue: FernetKey.generate().base64URL)
        let ciphertext = stranger.encrypt(Array("lost".utf8))
        try await harness.host.store.saveConnectorSettings(
            ConnectorSettingsRecord(connectorId: "fixture", encryptedSecrets: ["apiSecret": ciphertext], updatedAt: Date()))
        var rotated = harness.configuration
        rotated.encryptionKey = "\(FernetKey.generate().base64URL),\(try #require(harness.configuration.encryptionKey))"

        let report = try await KeyRotation.run(configuration: rotated, logger: Logger(label: "test"))

        #expect(report.unreadable == ["setting fixture.apiSecret"])
        #expect(try await harness.host.store.connectorSettings("fixture")?.encryptedSecrets["apiSecret"] == ciphertext)
    }
}
