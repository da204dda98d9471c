import ConnectorSDK

/// sObject Get Deleted (`GET /sobjects/{name}/deleted/?start=&end=`): the ids
/// deleted in a window, read from Salesforce's delete log.
///
/// Salesforce reads `start` and `end` to the minute, wants them more than a
/// minute apart and keeps 15 days of log; the next window starts at the
/// `latestDateCovered` it answers, so nothing between two windows is lost.
struct DeletedRecords: Sendable {
    /// The delete log's reach.
    static let logDays: Int64 = 15
    /// A fresh sync starts collecting this long before it began. Deletions of
    /// records it never stored are harmless, and the first incremental run then
    /// has a window Salesforce accepts at once.
    static let startMargin: Int64 = 120

    let api: SalesforceAPI

    /// What `deletedSince` a fresh checkpoint gets.
    static func initialStart(_ now: SalesforceDateTime) -> String {
        now.adding(seconds: -startMargin).rfc3339
    }

    /// The ids deleted since `checkpoint.deletedSince`; advances it.
    func collect(_ object: String, checkpoint: inout SyncCheckpoint) async throws -> [String] {
        let now = SalesforceDateTime(api.context.now)
        guard var start = checkpoint.deletedSince.flatMap(SalesforceDateTime.init) else {
            checkpoint.deletedSince = Self.initialStart(now)
            return []
        }
        let oldest = now.adding(seconds: -Self.logDays * 86_400 + 60)
        if start < oldest {
            api.context.log.warning(
                "Salesforce keeps deletions for 15 days; earlier ones cannot be seen, run a full sync to reconcile.",
                ["object": .string(object), "since": .string(start.rfc3339)])
            start = oldest
        }
        // A window of a minute or less reads as empty (or is refused); wait for the next run.
        guard now.milliseconds - start.milliseconds > 60_000 else { return [] }
        let result: DeletedResult = try await api.getJSON(
            api.dataPath + "/sobjects/\(object)/deleted/",
            query: [("start", start.replicationParameter), ("end", now.replicationParameter)], what: "the \(object) deletions")
        if let earliest = result.earliestDateAvailable.flatMap(SalesforceDateTime.init), earliest > start {
            api.context.log.warning(
                "Salesforce purged part of the delete log; some deletions may be missing, run a full sync to reconcile.",
                ["object": .string(object), "earliestDateAvailable": .string(earliest.rfc3339)])
        }
        checkpoint.deletedSince = (result.latestDateCovered.flatMap(SalesforceDateTime.init) ?? now).rfc3339
        return result.deletedRecords.map(\.id)
    }
}

/// The Get Deleted answer, as the REST API Developer Guide shows it.
struct DeletedResult: Decodable, Sendable {
    struct Record: Decodable, Sendable {
        let id: String
    }

    let deletedRecords: [Record]
    let earliestDateAvailable: String?
    let latestDateCovered: String?
}
