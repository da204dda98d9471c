import Store
import Testing

@Suite("Store contract: audit log")
struct AuditLogContractTests {
    @Test(arguments: StoreKind.allCases)
    func pagesNewestFirst(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            // Ids sort by time, as the host's identifiers do.
            let ids = (1...9).map { "01HAUDIT\(String($0).leftPadded(4))" }
            for id in ids.shuffled() { try await store.appendAudit(Fixture.audit(id)) }
            try await store.appendAudit(Fixture.audit("01HAUDIT9999", tenant: "tenant-b"))

            var seen: [AuditLogRecord] = []
            var before: String?
            while true {
                let page = try await store.auditLogs(tenantId: "tenant-a", beforeId: before, limit: 4)
                seen += page
                guard page.count == 4 else { break }
                before = page.last?.id
            }
            #expect(seen == ids.reversed().map { Fixture.audit($0) })
            #expect(try await store.auditLogs(tenantId: "tenant-a", beforeId: ids[2], limit: 10).map(\.id) == [ids[1], ids[0]])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func hostWideEntriesAndTenantsStayApart(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.appendAudit(Fixture.audit("a-1"))
            try await store.appendAudit(Fixture.audit("h-1", tenant: "*"))
            #expect(try await store.auditLogs(tenantId: "tenant-b", beforeId: nil, limit: 10).isEmpty)
            #expect(try await store.auditLogs(tenantId: "*", beforeId: nil, limit: 10) == [Fixture.audit("h-1", tenant: "*")])
            #expect(try await store.auditLogs(tenantId: "tenant-a", beforeId: nil, limit: 10) == [Fixture.audit("a-1")])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func duplicateIdsConflict(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.appendAudit(Fixture.audit("a-1"))
            let error = await storeError("same audit id") { () async throws(StoreError) in
                try await store.appendAudit(Fixture.audit("a-1", tenant: "tenant-b"))
            }
            #expect(error?.kind == .conflict)
            #expect(try await store.auditLogs(tenantId: "tenant-b", beforeId: nil, limit: 10).isEmpty)
        }
    }
}
