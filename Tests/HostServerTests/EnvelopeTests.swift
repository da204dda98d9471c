import HostTesting
import ConnectorModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestKit
import Testing

/// Every failure, whoever causes it, is a 4xx/5xx with {"ok":false,"error":{...}}.
@Suite struct EnvelopeTests {
    @Test func routerErrorsAreEnveloped() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            let missing = try await client.get("/nope")
            #expect(missing.status == 404)
            #expect(missing.errorCode == "route_not_found")

            let wrongMethod = try await client.request(.delete, "/api/connectors")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.errorCode == "method_not_allowed")
            #expect(wrongMethod.headers[.allow] == "GET")

            let tooLarge = try await client.request(
                .patch, "/api/connectors/fixture", rawBody: Array(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1))
            #expect(tooLarge.status == 413)
            #expect(tooLarge.errorCode == "payload_too_large")
        }
    }

    @Test func badInputIsEnvelopedAndNamesTheField() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            let malformed = try await client.request(.patch, "/api/connectors/fixture", rawBody: Array("{\"enabled\": tru".utf8))
            #expect(malformed.status == 400)
            #expect(malformed.errorCode == "invalid_json")

            let wrongType = try await client.request(.patch, "/api/connectors/fixture", json: ["enabled": "yes"])
            #expect(wrongType.status == 400)
            #expect(wrongType.errorCode == "invalid_request")
            #expect(wrongType.body["error"]?["details"]?["field"] == "enabled")

            let badSetting = try await client.request(.patch, "/api/connectors/fixture", json: ["config": ["behavior": "dance"]])
            #expect(badSetting.status == 422)
            #expect(badSetting.errorCode == "invalid_config")

            let unknown = try await client.get("/api/connectors/nonexistent")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "connector_not_found")

            let badTenant = try await client.get("/api/connections", headers: .tenant("no spaces allowed"))
            #expect(badTenant.status == 400)
            #expect(badTenant.errorCode == "invalid_tenant")

            let noTenant = try await client.get("/api/connections")
            #expect(noTenant.status == 400)
            #expect(noTenant.errorCode == "tenant_required")
        }
    }

    @Test(arguments: [
        ("fail", 502, "upstream_unavailable"), ("rate_limited", 429, "rate_limited"), ("garbage", 502, "plugin_bad_response"),
    ])
    func pluginFailuresKeepThePluginsCode(behavior: String, status: Int, code: String) async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            try await client.request(.patch, "/api/connectors/fixture", json: ["config": ["behavior": .string(behavior)]])
            let probe = try await client.post("/api/connectors/fixture/probe")
            #expect(probe.status == status)
            #expect(probe.errorCode == code)
            if behavior == "rate_limited" {
                #expect(probe.headers[.retryAfter] == "7")
                #expect(probe.body["error"]?["details"]?["retryAfter"] == 7)
            }
        }
        #expect(harness.logs.text.contains(code))
    }

    @Test func aPluginThatDoesNotAnswerInTimeIsA504() async throws {
        let harness = try await HostHarness.withFixture { $0.pluginCallTimeout = .milliseconds(300) }
        defer { harness.remove() }
        let sweeper = Task { await harness.host.registry.run() }
        try await harness.test { client in
            try await client.request(.patch, "/api/connectors/fixture", json: ["config": ["behavior": "hang"]])
            let probe = try await client.post("/api/connectors/fixture/probe")
            #expect(probe.status == 504)
            #expect(probe.errorCode == "plugin_timeout")
            // The host stays up and serves the next request.
            #expect(try await client.get("/").status == 200)
        }
        sweeper.cancel()
    }

    @Test func aDisabledConnectorRefusesCalls() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            try await client.request(.patch, "/api/connectors/fixture", json: ["enabled": false])
            let probe = try await client.post("/api/connectors/fixture/probe")
            #expect(probe.status == 409)
            #expect(probe.errorCode == "connector_disabled")
        }
    }

    @Test func anUnreadableStoredRecordIsA500ThatRevealsNothing() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            #expect(try await client.get("/api/connectors/fixture").status == 200)
            try await runCommand(
                "/usr/bin/sqlite3",
                [
                    "-cmd", ".timeout 5000", harness.configuration.sqlitePath,
                    "INSERT INTO connector_settings (connector_id, doc) VALUES ('fixture', '{\"broken\":')",
                ])
            let listing = try await client.get("/api/connectors/fixture")
            #expect(listing.status == 500)
            #expect(listing.errorCode == "store_corrupt")
            #expect(!listing.text.contains("broken"))
        }
    }
}
