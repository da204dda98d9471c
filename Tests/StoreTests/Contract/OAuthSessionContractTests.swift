import Foundation
import Store
import Testing

@Suite("Store contract: OAuth sessions")
struct OAuthSessionContractTests {
    @Test(arguments: StoreKind.allCases)
    func roundTripsAndRejectsDuplicateStates(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let session = Fixture.oauthSession("state-1")
            try await store.insertOAuthSession(session)
            #expect(try await store.oauthSession(state: "state-1") == session)
            #expect(try await store.oauthSession(state: "state-2") == nil)
            let duplicate = await storeError("same state") { () async throws(StoreError) in
                try await store.insertOAuthSession(Fixture.oauthSession("state-1", tenant: "tenant-b"))
            }
            #expect(duplicate?.kind == .conflict)
            #expect(duplicate.map { !$0.message.contains("state-1") } == true)
            #expect(try await store.oauthSession(state: "state-1") == session)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func consumesExactlyOnce(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let session = Fixture.oauthSession("state-1")
            try await store.insertOAuthSession(session)
            let at = Fixture.now()
            var consumed = session
            consumed.consumedAt = at
            #expect(try await store.consumeOAuthSession(state: "state-1", tenantId: "tenant-a", at: at) == consumed)
            #expect(try await store.consumeOAuthSession(state: "state-1", tenantId: "tenant-a", at: at.addingTimeInterval(1)) == nil)
            // Still readable, so the callback can say "already used" rather than "unknown".
            #expect(try await store.oauthSession(state: "state-1") == consumed)
            #expect(try await store.consumeOAuthSession(state: "never-issued", tenantId: "tenant-a", at: at) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentConsumersHaveOneWinner(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.insertOAuthSession(Fixture.oauthSession("state-1"))
            let at = Fixture.now()
            let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await store.consumeOAuthSession(state: "state-1", tenantId: "tenant-a", at: at) != nil }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(winners == 1)
            #expect(try await store.oauthSession(state: "state-1")?.consumedAt == at)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anotherTenantCannotConsume(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let session = Fixture.oauthSession("state-1")
            try await store.insertOAuthSession(session)
            let at = Fixture.now()
            #expect(try await store.consumeOAuthSession(state: "state-1", tenantId: "tenant-b", at: at) == nil)
            #expect(try await store.oauthSession(state: "state-1") == session)
            #expect(try await store.consumeOAuthSession(state: "state-1", tenantId: "tenant-a", at: at)?.consumedAt == at)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func expiredSessionsLingerAnHourThenVanish(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let now = Fixture.now()
            // Expired ten minutes ago: kept, so a late callback is told "expired".
            let late = Fixture.oauthSession("late", createdAt: now.addingTimeInterval(-1200), lifetime: 600)
            // Expired two hours ago: past the grace hour.
            let stale = Fixture.oauthSession("stale", createdAt: now.addingTimeInterval(-3 * 3600), lifetime: 3600)
            try await store.insertOAuthSession(stale)
            try await store.insertOAuthSession(late)
            // SQLite purges when a session is inserted; MongoDB by its TTL index.
            try await store.insertOAuthSession(Fixture.oauthSession("fresh", createdAt: now))
            #expect(try await store.oauthSession(state: "stale") == nil)
            #expect(try await store.consumeOAuthSession(state: "stale", tenantId: "tenant-a", at: now) == nil)
            #expect(try await store.oauthSession(state: "late") == late)
            #expect(try await store.oauthSession(state: "fresh") != nil)
        }
    }
}
