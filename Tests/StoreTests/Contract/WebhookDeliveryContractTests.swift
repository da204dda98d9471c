import Foundation
import Store
import Testing

@Suite("Store contract: the webhook delivery outbox")
struct WebhookDeliveryContractTests {
    @Test(arguments: StoreKind.allCases)
    func dueDeliveriesAreClaimedSoonestFirstAndOnceUntilTheLeasePasses(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let now = Fixture.instant
            try await store.insertWebhookDelivery(Fixture.delivery("dlv-later", due: now.addingTimeInterval(-10)))
            try await store.insertWebhookDelivery(Fixture.delivery("dlv-first", due: now.addingTimeInterval(-60), attempts: 2))
            try await store.insertWebhookDelivery(Fixture.delivery("dlv-future", due: now.addingTimeInterval(300)))
            let lease = now.addingTimeInterval(30)

            let first = try await store.claimDueWebhookDelivery(now: now, until: lease)
            #expect(first == { var claimed = Fixture.delivery("dlv-first", attempts: 3); claimed.nextAttemptAt = lease; return claimed }())
            #expect(try await store.claimDueWebhookDelivery(now: now, until: lease.addingTimeInterval(5))?.id == "dlv-later")
            #expect(try await store.claimDueWebhookDelivery(now: now, until: lease) == nil, "claimed ones wait for their lease")
            // A host that died mid-attempt: once the lease passed, the delivery is due again.
            #expect(try await store.claimDueWebhookDelivery(now: lease, until: lease.addingTimeInterval(30))?.id == "dlv-first")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFailedAttemptIsRescheduledAndADoneOneDeleted(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let now = Fixture.instant
            try await store.insertWebhookDelivery(Fixture.delivery("dlv-1", due: now))
            var claimed = try #require(try await store.claimDueWebhookDelivery(now: now, until: now.addingTimeInterval(30)))
            #expect(claimed.attempts == 1)
            claimed.nextAttemptAt = now.addingTimeInterval(5)
            try await store.saveWebhookDelivery(claimed)
            #expect(try await store.claimDueWebhookDelivery(now: now.addingTimeInterval(4), until: now.addingTimeInterval(60)) == nil)
            let again = try #require(try await store.claimDueWebhookDelivery(now: now.addingTimeInterval(5), until: now.addingTimeInterval(60)))
            #expect(again.attempts == 2)
            #expect(try await store.deleteWebhookDelivery(id: "dlv-1"))
            #expect(try await store.deleteWebhookDelivery(id: "dlv-1") == false)
            #expect(try await store.claimDueWebhookDelivery(now: now.addingTimeInterval(3600), until: now.addingTimeInterval(3700)) == nil)
        }
    }
}
