import ConnectorModel
import HostServer
import StandIns
import Store
import Testing

/// A Jira sync job interrupted on one host and finished by another sharing its store.
enum JiraResumption {
    /// Every host in these tests: a lease that lapses after a second, small pages, one store.
    static func configure(store: String) -> (inout HostConfiguration) -> Void {
        { configuration in
            configuration.sqlitePath = store
            configuration.syncJobLease = .seconds(1)
            configuration.syncPageSize = 5
        }
    }

    /// Every issue the stand-in holds, by id.
    static func everyIssue(_ jira: JiraStandIn) -> [String] {
        (jira.issues(inProject: "ENG") + jira.issues(inProject: "OPS")).map { String($0.id) }
    }

    /// On the first host: onboard, start a full sync with Jira answering
    /// slowly, and wait until two pages are stored.
    static func startAndProgress(_ session: AtlassianSession) async throws -> (connectionId: String, jobId: String) {
        try #require(try await session.configureOperatorSettings(.jira).status == 200)
        let connectionId = try await session.connectOAuth(.jira)
        for _ in 0..<400 { session.cloud.jira.faults.injectNext(.slow(.milliseconds(150))) }
        let jobId = try await session.startedJob(.jira, connectionId, mode: "full")
        _ = try await session.job(.jira, jobId) { ($0["pages"]?.intValue ?? 0) >= 2 && $0["status"] == "running" }
        return (connectionId, jobId)
    }

    /// On the second host: the job finishes there; its first search starts at
    /// the stored checkpoint's minute, it reads no issue the first host had
    /// stored before that, and the feed holds every issue exactly once.
    /// `left` is the job as the first host left it in the store; the first
    /// host's searches carried `firstToken`.
    static func checkResumed(_ session: AtlassianSession, connectionId: String, left: SyncJobRecord, firstToken: String) async throws {
        let jira = session.cloud.jira
        #expect(left.status == .running, "the job was ended instead of handed over: \(left.status) \(String(describing: left.error))")
        #expect(left.pages >= 2 && left.records > 0, "the first host stored at least two pages")
        let handedOut = try #require(left.checkpoint?["handedOut"]?["updated"]?.intValue, "no checkpoint: \(String(describing: left.checkpoint))")
        let fromMinute = Int64(handedOut) / 60_000 * 60_000

        let job = try await session.finishedJob(.jira, left.id)
        try #require(job["status"] == "succeeded", "the job did not resume: \(job)")
        #expect(job["leaseOwner"] != .string(left.leaseOwner ?? ""), "another host finished it")

        let searches = session.cloud.apiExchanges(endingWith: "/rest/api/3/search/jql").filter { $0.status == 200 && $0.bearer != firstToken }
        let first = try #require(searches.first, "the second host sent no search")
        let earliest = issueIds(first).compactMap { jira.issue($0)?.updated }.min()
        #expect(earliest.map { $0 >= fromMinute } == true, "the second host's first search started before the checkpoint")
        let alreadyStored = Set(everyIssue(jira).filter { (jira.issue($0)?.updated ?? .max) < fromMinute })
        #expect(!alreadyStored.isEmpty)
        let reread = searches.flatMap(issueIds).filter(alreadyStored.contains)
        #expect(reread.isEmpty, "the second host read issues stored before the checkpoint: \(reread.prefix(5))")

        let (entries, _) = try await session.feed(connectionId, pageSize: 13)
        #expect(entries.ids.count == Set(entries.ids).count, "an issue is in the feed twice")
        #expect(Set(entries.ids) == Set(everyIssue(jira)))
    }

    private static func issueIds(_ exchange: Exchange) -> [String] {
        exchange.responseJSON?["issues"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }
}
