import Store
import Testing

@Suite("Store contract: connector settings, API keys, ping")
struct SettingsAndKeysContractTests {
    @Test(arguments: StoreKind.allCases)
    func pingAnswers(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.ping()
        }
    }

    @Test(arguments: StoreKind.allCases)
    func connectorSettingsUpsert(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await store.connectorSettings("jira") == nil)
            try await store.saveConnectorSettings(Fixture.settings("jira"))
            try await store.saveConnectorSettings(Fixture.settings("confluence"))
            var changed = Fixture.settings("jira", enabled: false)
            changed.encryptedSecrets = [:]
            changed.endpoints = ["api": "https://eu.example.com", "auth": "https://auth.example.com"]
            try await store.saveConnectorSettings(changed)
            #expect(try await store.connectorSettings("jira") == changed)
            #expect(try await store.connectorSettings("confluence") == Fixture.settings("confluence"))
            #expect(try await store.allConnectorSettings() == [Fixture.settings("confluence"), changed])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func apiKeysAreFoundByHash(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            var admin = Fixture.apiKey("key-1", hash: String(repeating: "a1", count: 32), role: .admin)
            admin.revokedAt = Fixture.instant.addingTimeInterval(10)
            let tenant = Fixture.apiKey("key-2", hash: String(repeating: "b2", count: 32), tenant: "tenant-b")
            try await store.insertAPIKey(admin)
            try await store.insertAPIKey(tenant)
            #expect(try await store.apiKey(hash: admin.keyHash) == admin)
            #expect(try await store.apiKey(hash: tenant.keyHash) == tenant)
            #expect(try await store.apiKey(hash: String(repeating: "c3", count: 32)) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func apiKeyIdsAndHashesAreUnique(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let original = Fixture.apiKey("key-1", hash: "hash-1")
            try await store.insertAPIKey(original)
            let sameHash = await storeError("same hash, other id") { () async throws(StoreError) in
                try await store.insertAPIKey(Fixture.apiKey("key-2", hash: "hash-1", tenant: "tenant-b"))
            }
            let sameId = await storeError("same id, other hash") { () async throws(StoreError) in
                try await store.insertAPIKey(Fixture.apiKey("key-1", hash: "hash-2"))
            }
            #expect(sameHash?.kind == .conflict)
            #expect(sameId?.kind == .conflict)
            // Operators see which key clashed, never its value.
            #expect(sameHash.map { !$0.message.contains("hash-1") } == true)
            #expect(sameId.map { !$0.message.contains("key-1") } == true)
            #expect(try await store.apiKey(hash: "hash-1") == original)
            #expect(try await store.apiKey(hash: "hash-2") == nil)
        }
    }
}
