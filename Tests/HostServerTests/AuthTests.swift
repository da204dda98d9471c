import HostTesting
import ConnectorModel
import HTTPTypes
import TestKit
import Testing

@Suite struct AuthTests {
    static let adminKey = "admin-key-for-tests-0123456789abcdef"

    static func harness() async throws -> HostHarness {
        try await HostHarness.withFixture { configuration in
            configuration.authMode = .apiKeys
            configuration.adminAPIKey = adminKey
        }
    }

    static func bearer(_ key: String, tenant: String? = nil) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(key)"]
        if let tenant { fields[HTTPField.Name("X-Tenant-Id")!] = tenant }
        return fields
    }

    @Test func keysAreRequiredExceptOnPublicRoutes() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.test { client in
            #expect(try await client.get("/").status == 200)
            #expect(try await client.get("/openapi.json").status == 200)
            let anonymous = try await client.get("/api/connectors")
            #expect(anonymous.status == 401)
            #expect(anonymous.errorCode == "unauthorized")
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
            let wrong = try await client.get("/api/connectors", headers: Self.bearer("not-a-key"))
            #expect(wrong.status == 401)
            #expect(try await client.get("/api/connectors", headers: Self.bearer(Self.adminKey)).status == 200)
        }
    }

    @Test func tenantKeysAreBoundToTheirTenant() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.test { client in
            let created = try await client.post("/api/keys", headers: Self.bearer(Self.adminKey), json: ["tenantId": "acme", "name": "acme backend"])
            #expect(created.status == 201)
            let key = try #require(created.data["key"]?.stringValue)
            #expect(key.hasPrefix("uch_"))

            // The key's tenant is implied, and may be named explicitly.
            #expect(try await client.get("/api/connections", headers: Self.bearer(key)).status == 200)
            #expect(try await client.get("/api/connections", headers: Self.bearer(key, tenant: "acme")).status == 200)
            // Another tenant is refused.
            let other = try await client.get("/api/connections", headers: Self.bearer(key, tenant: "globex"))
            #expect(other.status == 403)
            #expect(other.errorCode == "tenant_mismatch")
            // Admin-only operations are refused to tenant keys.
            let patch = try await client.request(.patch, "/api/connectors/fixture", headers: Self.bearer(key), json: ["enabled": false])
            #expect(patch.status == 403)
            #expect(patch.errorCode == "admin_required")
            let mint = try await client.post("/api/keys", headers: Self.bearer(key), json: ["tenantId": "acme", "name": "sneaky"])
            #expect(mint.status == 403)
            // The admin acts for any tenant.
            #expect(try await client.get("/api/connections", headers: Self.bearer(Self.adminKey, tenant: "globex")).status == 200)
        }
        #expect(!harness.logs.text.contains(Self.adminKey))
    }
}
