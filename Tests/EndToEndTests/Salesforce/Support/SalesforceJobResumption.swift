import ConnectorModel
import Foundation
import HostServer
import StandIns
import TestKit
import Testing

/// A sync job interrupted on one host and finished by another, sharing the store.
enum SalesforceJobResumption {
    /// Every host in these tests: a lease that lapses quickly, small pages.
    static let lease = Duration.seconds(1)
    static let pageSize = 5
    static let accountCount = 30

    /// What both hosts share: the stand-in (with the Accounts to sync), a folder
    /// holding the store, and the configuration pointing a host at that store.
    struct Shared: Sendable {
        let salesforce: SalesforceStandIn
        let accounts: [String]
        let folder: TemporaryDirectory
        var storePath: String { folder.file("store/host.sqlite").path }

        func configure(_ configuration: inout HostConfiguration) {
            configuration.sqlitePath = storePath
            configuration.syncJobLease = lease
            configuration.syncPageSize = pageSize
        }
    }

    /// Runs `body` with a fresh stand-in and shared folder; stops and removes both afterwards.
    static func withShared(_ label: String, _ body: (Shared) async throws -> Void) async throws {
        let salesforce = try await SalesforceStandIn.start()
        let folder = try TemporaryDirectory(label)
        let shared = Shared(salesforce: salesforce, accounts: salesforce.org.insertAccounts(accountCount), folder: folder)
        do {
            try await body(shared)
        } catch {
            await salesforce.stop()
            folder.remove()
            throw error
        }
        await salesforce.stop()
        folder.remove()
    }

    /// Where the first host was when it stopped.
    struct Interruption: Sendable {
        var connectionId: String
        var jobId: String
        /// The checkpoint's `modstamp` the job had stored at least.
        var checkpointModstamp: String
        var leaseOwner: String
        /// The access token the first host used (the second one refreshes to its own).
        var accessToken: String
    }

    /// On the first host: onboard, start a full sync of the Accounts with Salesforce
    /// answering slowly, and wait until it has stored two pages.
    static func startAndProgress(_ session: SalesforceSession) async throws -> Interruption {
        let settings = try await session.configureOperatorSettings()
        try #require(settings.status == 200, "operator settings: \(settings.text)")
        let connectionId = try await session.connect()
        session.salesforce.inject(.slow(.milliseconds(400)), times: 1000, pathPrefix: "/services/data/v66.0/query")
        let jobId = try await session.startedJob(connectionId, mode: "full")
        let progressed = try await session.job(jobId) { ($0["pages"]?.intValue ?? 0) >= 2 && $0["status"] == "running" }
        return Interruption(
            connectionId: connectionId, jobId: jobId,
            checkpointModstamp: try #require(progressed["checkpoint"]?["modstamp"]?.stringValue),
            leaseOwner: try #require(progressed["leaseOwner"]?.stringValue),
            accessToken: try #require(session.salesforce.tokenResponses.first?["access_token"]?.stringValue))
    }

    /// On the second host: the job finishes there, its first query starts after
    /// the stored checkpoint (no record before it is read again), and the feed
    /// holds every Account exactly once.
    static func checkResumed(_ session: SalesforceSession, _ interruption: Interruption, accounts: [String]) async throws {
        let job = try await session.finishedJob(interruption.jobId)
        try #require(job["status"] == "succeeded", "the job did not resume: \(job)")
        #expect(job["leaseOwner"] != nil && job["leaseOwner"] != .string(interruption.leaseOwner), "another host finished it")

        let resumed = session.salesforce.soqlQueries.filter { $0.bearer != interruption.accessToken && $0.soql.contains("FROM Account") }
        let first = try #require(resumed.first, "the second host sent no query")
        let startsAfter = try #require(first.startsAfter, "the second host started from scratch: \(first.soql)")
        #expect(startsAfter >= interruption.checkpointModstamp, "resumed before the checkpoint: \(startsAfter)")
        let alreadyStored = Set(accounts.enumerated().filter { modstamp(ofAccount: $0.offset) <= startsAfter }.map(\.element))
        #expect(alreadyStored.count >= 2 * pageSize)
        let reread = resumed.flatMap(\.recordIds).filter(alreadyStored.contains)
        #expect(reread.isEmpty, "records before the checkpoint were read again: \(reread)")

        let (entries, _) = try await session.feed(interruption.connectionId, pageSize: 11)
        let ids = entries.compactMap { $0["id"]?.stringValue }
        #expect(ids.count == Set(ids).count, "a record is in the feed twice")
        #expect(Set(ids) == Set(accounts))
        #expect(entries.allSatisfy { $0["deleted"] == false })
    }

    /// The `SystemModstamp` of the `index`th seeded Account, as the checkpoint writes it.
    static func modstamp(ofAccount index: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: SalesforceOrg.seedStart.addingTimeInterval(Double(index + 1) * 60))
    }
}
