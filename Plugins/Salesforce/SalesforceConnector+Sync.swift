import ConnectorSDK

/// Sync of one sObject's records, ordered by `SystemModstamp` then `Id`: each
/// page starts strictly after the last (timestamp, Id) stored, so records that
/// share a timestamp are neither skipped nor repeated. Deletions come from
/// sObject Get Deleted on the last page of an incremental run.
extension SalesforceConnector: SyncingConnector {
    /// The most records one page asks for; larger pages arrive in several batches.
    static let maximumSyncPage = 2000

    public func syncPage(_ request: SyncPageRequest, _ context: CallContext) async throws -> SyncPage {
        guard request.stream == "items" else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "Salesforce syncs the \"items\" stream only.")
        }
        let previous = try request.checkpoint.map { try SyncCheckpoint($0) }
        if let previous, let containerId = request.containerId, previous.object != containerId {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The checkpoint belongs to \(previous.object), not \(containerId).")
        }
        guard let object = request.containerId ?? previous?.object else {
            throw ErrorDocument(
                code: ErrorDocument.Code.invalidInput, message: "Salesforce sync needs containerId, the sObject to sync (e.g. Account).")
        }
        let api = try SalesforceAPI(context)
        let shape = RecordShape(try await api.queryableDescribe(object))
        guard shape.hasSystemModstamp else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "\(object) has no SystemModstamp, so it cannot be synced.")
        }
        let limit = min(max(1, request.limit), Self.maximumSyncPage)
        // One record more than the page tells whether another page follows.
        var query = SOQLQuery(fields: shape.selectList, object: object, orderBy: ["SystemModstamp", "Id"], limit: limit + 1)
        if let position = try previous?.position() {
            query.conditions.append(try SOQL.after("SystemModstamp", position.modstamp, id: position.id))
        }
        let fetched = try await api.queryAll(query)
        let records = Array(fetched.prefix(limit))
        let hasMore = fetched.count > limit

        var checkpoint = previous ?? SyncCheckpoint(object: object, deletedSince: DeletedRecords.initialStart(SalesforceDateTime(context.now)))
        let synced = try records.map { record in
            let item = try shape.item(record, instance: api.instance, includeRaw: false)
            guard let modstamp = record["SystemModstamp"]?.stringValue.flatMap(SalesforceDateTime.init) else {
                throw ErrorDocument(
                    code: ErrorDocument.Code.upstreamBadResponse, message: "Salesforce returned a \(object) record without a SystemModstamp.")
            }
            checkpoint.modstamp = modstamp.rfc3339
            checkpoint.id = item.id
            var syncRecord = try SyncRecord(item)
            syncRecord.updatedAt = modstamp.rfc3339
            return syncRecord
        }
        var deletedIds: [String] = []
        if request.mode == .incremental, previous != nil, !hasMore {
            deletedIds = try await DeletedRecords(api: api).collect(object, checkpoint: &checkpoint)
        }
        return SyncPage(records: synced, deletedIds: deletedIds, checkpoint: try checkpoint.json(), hasMore: hasMore)
    }
}
