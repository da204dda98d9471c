import ConnectorModel
import Foundation
import HostTesting
import TestKit
import Testing

/// The four connectors and the C example, loaded by a real host and called over REST.
@Suite struct AllConnectorsTests {
    @Test func everyConnectorLoadsDescribesItselfAndAnswersProbe() async throws {
        let build = try TemporaryDirectory("c-example")
        defer { build.remove() }
        var plugins: [String: URL] = ["http-check.so": try await CPluginCompiler.example(to: build.file("http-check.so"))]
        for name in ["Jira", "Confluence", "Salesforce", "PostgreSQL"] {
            plugins["\(name.lowercased()).so"] = try Repository.plugin(name)
        }
        let harness = try await HostHarness.make(plugins: plugins)
        defer { harness.remove() }
        try await harness.test(.live) { client in
            let health = try await client.get("/")
            #expect(health.data["plugins"]?["loaded"] == 5)
            #expect(health.data["plugins"]?["refused"] == 0)
            let connectors = try await client.get("/api/connectors")
            let ids = Set(connectors.data.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
            #expect(ids == ["jira", "confluence", "salesforce", "postgresql", "http-check"])
            for id in ids.sorted() {
                let connector = try await client.get("/api/connectors/\(id)")
                #expect(connector.data["operations"]?.arrayValue?.contains("probe") == true, "\(id)")
                let probe = try await client.post("/api/connectors/\(id)/probe")
                // Unconfigured OAuth connectors say what is missing; the others are ready or say why not.
                #expect([200, 502].contains(probe.status), "\(id): \(probe.text)")
                if probe.status == 200 {
                    #expect(["ready", "not_configured", "unreachable"].contains(probe.data["status"]?.stringValue ?? ""), "\(id)")
                }
            }
            let webhooks = try await client.post("/api/connectors/confluence/webhooks", headers: .tenant("acme"), json: ["connectionId": "x", "callbackUrl": "https://a.example/h"])
            #expect(webhooks.status == 501)
            #expect(webhooks.errorCode == "webhooks_not_supported")
            #expect(webhooks.body["error"]?["details"]?["alternative"] == "incremental_sync")
        }
    }
}
