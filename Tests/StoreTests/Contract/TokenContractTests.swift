import Store
import Testing

@Suite("Store contract: tokens")
struct TokenContractTests {
    @Test(arguments: StoreKind.allCases)
    func saveInsertsThenReplaces(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await store.token(connectionId: "conn-1", tenantId: "tenant-a") == nil)
            try await store.saveToken(Fixture.token("conn-1"))
            #expect(try await store.token(connectionId: "conn-1", tenantId: "tenant-a") == Fixture.token("conn-1"))
            var rotated = Fixture.token("conn-1", version: 2)
            rotated.expiresAt = nil
            rotated.scopes = []
            try await store.saveToken(rotated)
            #expect(try await store.token(connectionId: "conn-1", tenantId: "tenant-a") == rotated)
            #expect(try await store.allTokens(afterConnectionId: nil, limit: 10) == [rotated])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deleteReportsWhetherThereWasOne(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.saveToken(Fixture.token("conn-1"))
            try await store.saveToken(Fixture.token("conn-2"))
            #expect(try await store.deleteToken(connectionId: "conn-1", tenantId: "tenant-a"))
            #expect(try await store.deleteToken(connectionId: "conn-1", tenantId: "tenant-a") == false)
            #expect(try await store.token(connectionId: "conn-1", tenantId: "tenant-a") == nil)
            #expect(try await store.token(connectionId: "conn-2", tenantId: "tenant-a") == Fixture.token("conn-2"))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func otherTenantsSeeAndChangeNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.saveToken(Fixture.token("conn-1"))
            #expect(try await store.token(connectionId: "conn-1", tenantId: "tenant-b") == nil)
            #expect(try await store.deleteToken(connectionId: "conn-1", tenantId: "tenant-b") == false)
            // The same connection id under another tenant is another token, not an overwrite.
            try await store.saveToken(Fixture.token("conn-1", tenant: "tenant-b", version: 7))
            #expect(try await store.token(connectionId: "conn-1", tenantId: "tenant-a") == Fixture.token("conn-1"))
            #expect(try await store.token(connectionId: "conn-1", tenantId: "tenant-b") == Fixture.token("conn-1", tenant: "tenant-b", version: 7))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func keysWithSlashesNeverCollide(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let first = Fixture.token("b/c", tenant: "a")
            let second = Fixture.token("c", tenant: "a/b")
            let third = Fixture.token("c%2F", tenant: "a%2Fb")
            for token in [first, second, third] { try await store.saveToken(token) }
            #expect(try await store.token(connectionId: "b/c", tenantId: "a") == first)
            #expect(try await store.token(connectionId: "c", tenantId: "a/b") == second)
            #expect(try await store.token(connectionId: "c%2F", tenantId: "a%2Fb") == third)
            #expect(try await store.deleteToken(connectionId: "c", tenantId: "a/b"))
            #expect(try await store.token(connectionId: "b/c", tenantId: "a") == first)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func allTokensPagesAcrossTenantsByConnectionId(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let tokens = (1...7).map { Fixture.token("conn-\($0)", tenant: $0 % 2 == 0 ? "tenant-a" : "tenant-b") }
            for token in tokens.shuffled() { try await store.saveToken(token) }
            var seen: [TokenRecord] = []
            var after: String?
            while true {
                let page = try await store.allTokens(afterConnectionId: after, limit: 3)
                seen += page
                guard page.count == 3 else { break }
                after = page.last?.connectionId
            }
            #expect(seen == tokens)
        }
    }
}
