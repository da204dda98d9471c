import Store
import Testing

@Suite("Store contract: connections")
struct ConnectionContractTests {
    @Test(arguments: StoreKind.allCases)
    func roundTripsEveryField(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let record = Fixture.connection("conn-1")
            try await store.insertConnection(record)
            #expect(try await store.connection(id: "conn-1", tenantId: "tenant-a") == record)
            #expect(try await store.connection(id: "missing", tenantId: "tenant-a") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func duplicateIdsConflictInAnyTenant(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let original = Fixture.connection("conn-1")
            try await store.insertConnection(original)
            let sameTenant = await storeError("same id, same tenant") { () async throws(StoreError) in
                try await store.insertConnection(Fixture.connection("conn-1", connector: "confluence"))
            }
            let otherTenant = await storeError("same id, other tenant") { () async throws(StoreError) in
                try await store.insertConnection(Fixture.connection("conn-1", tenant: "tenant-b"))
            }
            #expect(sameTenant?.kind == .conflict)
            #expect(otherTenant?.kind == .conflict)
            #expect(try await store.connection(id: "conn-1", tenantId: "tenant-a") == original)
            #expect(try await store.connection(id: "conn-1", tenantId: "tenant-b") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pagesInIdOrder(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ids = (1...11).map { "conn-\(String($0).leftPadded(2))" }
            for id in ids.shuffled() {
                try await store.insertConnection(Fixture.connection(id, connector: Int(id.suffix(2))! % 2 == 0 ? "jira" : "confluence"))
            }
            try await store.insertConnection(Fixture.connection("conn-00", tenant: "tenant-b"))

            var seen: [String] = []
            var afterId: String?
            while true {
                let page = try await store.connections(tenantId: "tenant-a", connectorId: nil, afterId: afterId, limit: 4)
                seen += page.map(\.id)
                guard page.count == 4 else { break }
                afterId = page.last?.id
            }
            #expect(seen == ids)

            let jira = try await store.connections(tenantId: "tenant-a", connectorId: "jira", afterId: nil, limit: 100)
            #expect(jira.map(\.id) == ids.filter { Int($0.suffix(2))! % 2 == 0 })
            #expect(jira.allSatisfy { $0 == Fixture.connection($0.id, connector: "jira") })
            let afterSome = try await store.connections(tenantId: "tenant-a", connectorId: "confluence", afterId: "conn-05", limit: 2)
            #expect(afterSome.map(\.id) == ["conn-07", "conn-09"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func updateReplacesTheRecord(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.insertConnection(Fixture.connection("conn-1"))
            var changed = Fixture.connection("conn-1", status: .needsReauth)
            changed.displayName = nil
            changed.account = nil
            changed.config = ["site": "https://other.example.com"]
            changed.updatedAt = Fixture.instant.addingTimeInterval(60)
            #expect(try await store.updateConnection(changed))
            #expect(try await store.connection(id: "conn-1", tenantId: "tenant-a") == changed)
            #expect(try await store.updateConnection(Fixture.connection("never-inserted")) == false)
            #expect(try await store.connection(id: "never-inserted", tenantId: "tenant-a") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func otherTenantsSeeAndChangeNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let original = Fixture.connection("conn-1")
            try await store.insertConnection(original)
            #expect(try await store.connection(id: "conn-1", tenantId: "tenant-b") == nil)
            #expect(try await store.connections(tenantId: "tenant-b", connectorId: nil, afterId: nil, limit: 10).isEmpty)
            #expect(try await store.connections(tenantId: "tenant-b", connectorId: "jira", afterId: nil, limit: 10).isEmpty)
            #expect(try await store.updateConnection(Fixture.connection("conn-1", tenant: "tenant-b", status: .revoked)) == false)
            #expect(try await store.connection(id: "conn-1", tenantId: "tenant-a") == original)
        }
    }
}

extension String {
    /// Left-padded with zeros to `width` characters.
    func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
