import HostTesting
import ConnectorModel
import HTTPTypes
import TestKit
import Testing

/// Walks every tenant-scoped endpoint with another tenant's ids: nothing is
/// found, nothing changes.
@Suite struct TenantIsolationTests {
    @Test func anotherTenantCannotReachAConnectionByItsId() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            let owner = HTTPFields.tenant("acme")
            let intruder = HTTPFields.tenant("globex")
            let connected = try await client.post(
                "/api/connectors/fixture/connect/callback", headers: owner, json: ["siteUrl": "https://acme.example", "apiKey": "acme-key-123456"])
            let id = try #require(connected.data["connectionId"]?.stringValue)
            let reference: JSONValue = ["connectionId": .string(id)]

            let attempts: [(String, () async throws -> APIClient.Reply)] = [
                ("show", { try await client.get("/api/connections/\(id)", headers: intruder) }),
                ("token", { try await client.get("/api/connections/\(id)/token", headers: intruder) }),
                ("sync-state read", { try await client.get("/api/connections/\(id)/sync-state", headers: intruder) }),
                ("sync-state write", { try await client.post("/api/connections/\(id)/sync-state", headers: intruder, json: ["stream": "items", "checkpoint": ["x": 1]]) }),
                ("store token", { try await client.post("/api/connections/token", headers: intruder, json: ["connectionId": .string(id), "token": "stolen-1234567"]) }),
                ("validate", { try await client.post("/api/connections/validate", headers: intruder, json: reference) }),
                ("revoke", { try await client.post("/api/connections/revoke", headers: intruder, json: reference) }),
                ("connector validate", { try await client.post("/api/connectors/fixture/validate", headers: intruder, json: reference) }),
                ("connector revoke", { try await client.post("/api/connectors/fixture/revoke", headers: intruder, json: reference) }),
                ("browse", { try await client.get("/api/connectors/fixture/containers?connectionId=\(id)", headers: intruder) }),
                ("records feed", { try await client.get("/api/connections/\(id)/records", headers: intruder) }),
                ("start a job", { try await client.post("/api/connectors/fixture/jobs", headers: intruder, json: reference) }),
                ("list webhooks", { try await client.get("/api/connectors/fixture/webhooks?connectionId=\(id)", headers: intruder) }),
            ]
            for (name, attempt) in attempts {
                let reply = try await attempt()
                #expect(reply.status == 404, "\(name) answered \(reply.status)")
                #expect(reply.errorCode == "connection_not_found", "\(name)")
            }
            let listing = try await client.get("/api/connections", headers: intruder)
            #expect(listing.data["items"] == [])
            let audit = try await client.get("/api/audit-logs", headers: intruder)
            #expect(audit.data["items"] == [])

            // The owner still sees it unchanged.
            let shown = try await client.get("/api/connections/\(id)", headers: owner)
            #expect(shown.data["status"] == "connected")
            let token = try await client.get("/api/connections/\(id)/token", headers: owner)
            #expect(token.data["type"] == "api_key")
            #expect(try await client.get("/api/connections/\(id)/sync-state", headers: owner).data == [])
        }
    }
}
