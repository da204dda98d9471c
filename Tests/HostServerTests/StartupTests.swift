import ConnectorModel
import HostServer
import HostTesting
import Testing

@Suite struct StartupTests {
    @Test func productionRefusesToStartWithoutAnEncryptionKey() async throws {
        await #expect(throws: ConfigurationError.self) {
            let harness = try await HostHarness.make { configuration in
                configuration.environment = .production
                configuration.authMode = .apiKeys
                configuration.encryptionKey = nil
            }
            harness.remove()
        }
    }

    @Test func productionRefusesDevelopmentAuth() throws {
        #expect(throws: ConfigurationError.self) {
            try HostConfiguration(values: ["APP_ENV": "production", "AUTH_MODE": "development"])
        }
    }

    @Test func outsideProductionAnEphemeralKeyIsUsedWithALoudWarning() async throws {
        let harness = try await HostHarness.make { $0.encryptionKey = nil }
        defer { harness.remove() }
        #expect(harness.logs.all.filter { $0.contains("ENCRYPTION_KEY is not set") }.count == 1)
        #expect(harness.logs.all.first { $0.contains("ENCRYPTION_KEY is not set") }?.contains("\"level\":\"warning\"") == true)
    }

    @Test func invalidSettingsNameTheVariable() throws {
        for (key, value) in [("PORT", "eighty"), ("LOG_LEVEL", "LOUD"), ("API_PREFIX", "api/"), ("ENCRYPTION_KEY", "")] where !value.isEmpty {
            do {
                _ = try HostConfiguration(values: [key: value])
                Issue.record("\(key)=\(value) was accepted")
            } catch {
                #expect(error.key == key)
            }
        }
    }

    @Test func aMalformedEncryptionKeyIsRefusedWithoutEchoingIt() async throws {
        let secretLooking = "this-is-not-a-fernet-key-but-looks-secret"
        do {
            let harness = try await HostHarness.make { $0.encryptionKey = secretLooking }
            harness.remove()
            Issue.record("a malformed ENCRYPTION_KEY was accepted")
        } catch let error as ConfigurationError {
            #expect(error.key == "ENCRYPTION_KEY")
            #expect(!error.description.contains(secretLooking))
        }
    }
}
