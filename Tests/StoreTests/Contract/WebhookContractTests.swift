import Foundation
import Store
import Testing

@Suite("Store contract: webhook subscriptions")
struct WebhookContractTests {
    @Test(arguments: StoreKind.allCases)
    func roundTripUpdateAndDelete(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.insertWebhook(Fixture.webhook("wh-2"))
            try await store.insertWebhook(Fixture.webhook("wh-1", expiresAt: Fixture.instant.addingTimeInterval(3600)))
            try await store.insertWebhook(Fixture.webhook("wh-3", connection: "conn-2"))
            #expect(try await store.webhook(id: "wh-1") == Fixture.webhook("wh-1", expiresAt: Fixture.instant.addingTimeInterval(3600)))
            #expect(try await store.webhooks(tenantId: "tenant-a", connectionId: "conn-1").map(\.id) == ["wh-1", "wh-2"])

            var renewed = Fixture.webhook("wh-1", expiresAt: nil)
            renewed.providerIds = ["10002", "10003"]
            renewed.updatedAt = Fixture.instant.addingTimeInterval(60)
            #expect(try await store.updateWebhook(renewed))
            #expect(try await store.webhook(id: "wh-1") == renewed)
            #expect(try await store.deleteWebhook(id: "wh-2", tenantId: "tenant-a"))
            #expect(try await store.deleteWebhook(id: "wh-2", tenantId: "tenant-a") == false)
            #expect(try await store.webhooks(tenantId: "tenant-a", connectionId: "conn-1") == [renewed])
            let duplicate = await storeError("same webhook id") { () async throws(StoreError) in try await store.insertWebhook(Fixture.webhook("wh-1")) }
            #expect(duplicate?.kind == .conflict)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func otherTenantsChangeNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.insertWebhook(Fixture.webhook("wh-1"))
            #expect(try await store.webhooks(tenantId: "tenant-b", connectionId: "conn-1").isEmpty)
            #expect(try await store.updateWebhook(Fixture.webhook("wh-1", tenant: "tenant-b")) == false)
            #expect(try await store.deleteWebhook(id: "wh-1", tenantId: "tenant-b") == false)
            #expect(try await store.webhook(id: "wh-1") == Fixture.webhook("wh-1"))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func allWebhooksPagesAcrossTenantsById(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let webhooks = (1...7).map { Fixture.webhook("wh-\($0)", tenant: $0 % 2 == 0 ? "tenant-a" : "tenant-b") }
            for webhook in webhooks.shuffled() { try await store.insertWebhook(webhook) }
            var seen: [WebhookRecord] = []
            var after: String?
            repeat {
                let page = try await store.allWebhooks(afterId: after, limit: 3)
                seen += page
                after = page.count == 3 ? page.last?.id : nil
            } while after != nil
            #expect(seen == webhooks)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func expiringSoonestFirst(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let base = Fixture.instant
            try await store.insertWebhook(Fixture.webhook("wh-late", expiresAt: base.addingTimeInterval(7200)))
            try await store.insertWebhook(Fixture.webhook("wh-never"))
            try await store.insertWebhook(Fixture.webhook("wh-soon", tenant: "tenant-b", expiresAt: base.addingTimeInterval(600)))
            try await store.insertWebhook(Fixture.webhook("wh-mid", expiresAt: base.addingTimeInterval(1800)))
            #expect(try await store.webhooksExpiring(before: base.addingTimeInterval(3600)).map(\.id) == ["wh-soon", "wh-mid"])
            #expect(try await store.webhooksExpiring(before: base).isEmpty)
        }
    }
}
