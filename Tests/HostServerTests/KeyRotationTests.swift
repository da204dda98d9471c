import ConnectorModel
import HostServer
import HostTesting
import Logging
import TokenEncryption
import Testing

@Suite struct KeyRotationTests {
    @Test func rotationReencryptsEveryTokenWithTheNewKeySoTheOldOneCanGo() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            for index in 0..<3 {
                let created = try await client.post(
                    "/api/connectors/fixture/connect/callback", headers: .tenant("acme"),
                    json: ["siteUrl": "https://a.example", "apiKey": .string("rotation-key-\(index)-abcdef")])
                #expect(created.status == 201)
            }
        }
        let oldKey = try #require(harness.configuration.encryptionKey)
        let newKey = FernetKey.generate().base64URL
        var rotated = harness.configuration
        rotated.encryptionKey = "\(newKey),\(oldKey)"

        let report = try await KeyRotation.run(configuration: rotated, logger: Logger(label: "test"))

        #expect(report.examined == 3)
        #expect(report.rewritten == 3)
        #expect(report.unreadable.isEmpty)
        let newOnly = try FernetKeyring(environmentValue: newKey)
        for token in try await harness.host.store.allTokens(afterConnectionId: nil, limit: 10) {
            let credentials = try WireCoding.decode(Credentials.self, from: try newOnly.decrypt(token.ciphertext))
            #expect(credentials.apiKey?.hasPrefix("rotation-key-") == true)
        }
        // A second run has nothing left to do.
        #expect(try await KeyRotation.run(configuration: rotated, logger: Logger(label: "test")).rewritten == 0)
    }
}
