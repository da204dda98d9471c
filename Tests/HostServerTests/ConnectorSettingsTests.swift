import HostTesting
import ConnectorModel
import HostServer
import Store
import TestKit
import Testing

@Suite struct ConnectorSettingsTests {
    @Test func secretSettingsAreStoredEncryptedAndShownMasked() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        let secret = "s3cr3t-operator-value-0042"
        try await harness.test { client in
            let updated = try await client.request(.patch, "/api/connectors/fixture", json: ["config": ["apiSecret": .string(secret), "behavior": "ok"]])
            #expect(updated.status == 200)
            #expect(updated.data["config"]?["apiSecret"] == "***")
            #expect(updated.data["config"]?["behavior"] == "ok")
            #expect(!updated.text.contains(secret))
            let shown = try await client.get("/api/connectors/fixture")
            #expect(!shown.text.contains(secret))
        }
        let stored = try #require(try await harness.host.store.connectorSettings("fixture"))
        #expect(stored.config["apiSecret"] == nil)
        #expect(stored.encryptedSecrets["apiSecret"]?.hasPrefix("gAAAAA") == true)
        #expect(!harness.logs.text.contains(secret))
    }

    @Test func thePluginReceivesDecryptedSettingsAndItsEchoIsMasked() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            try await client.request(.patch, "/api/connectors/fixture", json: ["config": ["apiSecret": "plain-for-plugin-77", "behavior": "echo"]])
            let echoed = try await client.post("/api/connectors/fixture/probe")
            // The fixture echoes the request document it received; the host masks the secret it finds in the answer.
            let received = echoed.data["details"]
            #expect(received?["connector"]?["config"]?["apiSecret"] == "***")
            #expect(received?["operation"] == "probe")
            #expect(received?["requestId"]?.stringValue?.isEmpty == false)
        }
        #expect(!harness.logs.text.contains("plain-for-plugin-77"))
        // The warning proves the plugin did receive the decrypted value.
        #expect(harness.logs.text.contains("masked a secret the plugin returned"))
    }

    @Test func endpointOverridesMustNameAManifestEndpointAndBeHTTP() async throws {
        let jira = try Repository.plugin("Jira")
        let harness = try await HostHarness.make(plugins: ["jira.so": jira])
        defer { harness.remove() }
        try await harness.test { client in
            let unknown = try await client.request(.patch, "/api/connectors/jira", json: ["endpoints": ["nope": "http://127.0.0.1:1"]])
            #expect(unknown.status == 400)
            let notHTTP = try await client.request(.patch, "/api/connectors/jira", json: ["endpoints": ["api": "ftp://example.com"]])
            #expect(notHTTP.status == 400)
            let set = try await client.request(.patch, "/api/connectors/jira", json: ["endpoints": ["api": "http://127.0.0.1:9999"]])
            #expect(set.data["endpoints"]?["api"] == "http://127.0.0.1:9999")
            let restored = try await client.request(.patch, "/api/connectors/jira", json: ["endpoints": ["api": nil]])
            #expect(restored.data["endpoints"]?["api"] == "https://api.atlassian.com")
        }
        let audit = try await harness.host.store.auditLogs(tenantId: "*", beforeId: nil, limit: 50)
        #expect(audit.contains { $0.action == "connector.settings_changed" && $0.target == "jira" })
        #expect(audit.contains { $0.action == "plugin.loaded" && $0.target == "jira" })
    }

    @Test func probeReportsMissingOAuthSettingsHonestly() async throws {
        let harness = try await HostHarness.make(plugins: ["jira.so": try Repository.plugin("Jira")])
        defer { harness.remove() }
        try await harness.test { client in
            let before = try await client.post("/api/connectors/jira/probe")
            #expect(before.data["status"] == "not_configured")
            #expect(before.data["missing"] == ["clientId", "clientSecret"])
            try await client.request(.patch, "/api/connectors/jira", json: ["config": ["clientId": "cid", "clientSecret": "csecret-123456"]])
            let after = try await client.post("/api/connectors/jira/probe")
            #expect(after.data["status"] == "ready")
        }
    }
}
