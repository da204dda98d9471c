import ConnectorModel
import Foundation
import Store
import Testing

@Suite("Store contract: sync jobs")
struct SyncJobContractTests {
    @Test(arguments: StoreKind.allCases)
    func roundTripAndTenantScope(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.insertJob(Fixture.job("job-1"))
            #expect(try await store.job(id: "job-1", tenantId: "tenant-a") == Fixture.job("job-1"))
            #expect(try await store.job(id: "job-1", tenantId: "tenant-b") == nil)
            #expect(try await store.activeJob(connectionId: "conn-1", tenantId: "tenant-a", stream: "items") == Fixture.job("job-1"))
            #expect(try await store.activeJob(connectionId: "conn-1", tenantId: "tenant-b", stream: "items") == nil)
            #expect(try await store.activeJob(connectionId: "conn-1", tenantId: "tenant-a", stream: "comments") == nil)
            #expect(try await store.requestJobCancellation(id: "job-1", tenantId: "tenant-b") == nil)
            #expect(try await store.job(id: "job-1", tenantId: "tenant-a")?.cancelRequested == false)
            let duplicate = await storeError("same job id") { () async throws(StoreError) in try await store.insertJob(Fixture.job("job-1")) }
            #expect(duplicate?.kind == .conflict)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func leasesOldestFirstAndOnlyOnce(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let now = Fixture.now()
            try await store.insertJob(Fixture.job("job-new", stream: "b", createdAt: Fixture.instant.addingTimeInterval(10)))
            try await store.insertJob(Fixture.job("job-old", stream: "a", createdAt: Fixture.instant))
            let until = now.addingTimeInterval(60)
            let first = try #require(try await store.leaseNextJob(owner: "host-1", until: until, now: now))
            #expect(first.id == "job-old")
            #expect(first.status == .running && first.leaseOwner == "host-1" && first.leaseUntil == until && first.startedAt == now)
            #expect(try await store.job(id: "job-old", tenantId: "tenant-a") == first)
            #expect(try await store.leaseNextJob(owner: "host-2", until: until, now: now)?.id == "job-new")
            #expect(try await store.leaseNextJob(owner: "host-3", until: until, now: now) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentHostsGetOneLease(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.insertJob(Fixture.job("job-1"))
            let now = Fixture.now()
            let owners = try await withThrowingTaskGroup(of: String?.self) { group in
                for host in 0..<12 {
                    group.addTask { try await store.leaseNextJob(owner: "host-\(host)", until: now.addingTimeInterval(60), now: now)?.leaseOwner }
                }
                return try await group.reduce(into: [String]()) { if let owner = $1 { $0.append(owner) } }
            }
            #expect(owners.count == 1)
            #expect(try await store.job(id: "job-1", tenantId: "tenant-a")?.leaseOwner == owners.first)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anExpiredLeaseIsTakenOver(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.insertJob(Fixture.job("job-1"))
            let now = Fixture.now()
            let first = try #require(try await store.leaseNextJob(owner: "host-1", until: now.addingTimeInterval(30), now: now))
            let later = now.addingTimeInterval(60)
            let second = try #require(try await store.leaseNextJob(owner: "host-2", until: later.addingTimeInterval(30), now: later))
            #expect(second.leaseOwner == "host-2")
            #expect(second.startedAt == first.startedAt)
            // The first host's save is refused: it no longer holds the lease.
            var progress = first
            progress.pages = 3
            #expect(try await store.updateJob(progress, leasedBy: "host-1") == nil)
            #expect(try await store.job(id: "job-1", tenantId: "tenant-a") == second)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func savingProgressKeepsACancellationRequest(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.insertJob(Fixture.job("job-1"))
            let now = Fixture.now()
            var job = try #require(try await store.leaseNextJob(owner: "host-1", until: now.addingTimeInterval(60), now: now))
            job.pages = 1
            job.records = 50
            job.checkpoint = ["cursor": "page-2", "per.project": ["PROJ": 7]]
            #expect(try await store.updateJob(job, leasedBy: "host-1") == job)

            let flagged = try #require(try await store.requestJobCancellation(id: "job-1", tenantId: "tenant-a"))
            #expect(flagged.cancelRequested && flagged.status == .running)
            job.pages = 2
            let saved = try #require(try await store.updateJob(job, leasedBy: "host-1"))
            #expect(saved.cancelRequested && saved.pages == 2)

            job.status = .cancelled
            job.finishedAt = now.addingTimeInterval(5)
            job.leaseOwner = nil
            job.leaseUntil = nil
            job.error = ErrorDocument(code: "cancelled", message: "cancelled by request")
            let finished = try #require(try await store.updateJob(job, leasedBy: "host-1"))
            #expect(try await store.job(id: "job-1", tenantId: "tenant-a") == finished)
            #expect(finished.leaseOwner == nil && finished.leaseUntil == nil && finished.cancelRequested)
            #expect(try await store.activeJob(connectionId: "conn-1", tenantId: "tenant-a", stream: "items") == nil)
            #expect(try await store.leaseNextJob(owner: "host-2", until: now.addingTimeInterval(60), now: now.addingTimeInterval(120)) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func cancellingAQueuedJobFinishesIt(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.insertJob(Fixture.job("job-1"))
            let cancelled = try #require(try await store.requestJobCancellation(id: "job-1", tenantId: "tenant-a"))
            #expect(cancelled.status == .cancelled && cancelled.cancelRequested && cancelled.finishedAt != nil)
            #expect(try await store.job(id: "job-1", tenantId: "tenant-a") == cancelled)
            #expect(try await store.leaseNextJob(owner: "host-1", until: Fixture.now().addingTimeInterval(60), now: Fixture.now()) == nil)
            // Already finished: returned as it is.
            #expect(try await store.requestJobCancellation(id: "job-1", tenantId: "tenant-a") == cancelled)
        }
    }
}
