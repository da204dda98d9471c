import ConnectorSDK

/// Where the next page of a query starts, wrapped in an opaque cursor.
///
/// A batch holds 200 records or more and a page at most 100, so a page is a
/// slice of a batch: `locator` names the batch (nil: the query's first batch,
/// which is run again), `after` the last record served and `skip` its position,
/// used only if that record has gone from a re-run first batch.
struct QueryPosition: Codable, Sendable, Equatable {
    /// What the query was for; a cursor is refused for any other request.
    var scope: String
    var locator: String?
    var after: String?
    var skip: Int
}

/// Pages through a SOQL query, following `nextRecordsUrl` until `done`.
struct QueryPager: Sendable {
    let api: SalesforceAPI

    func page(_ query: SOQLQuery, scope: String, cursor: String?, limit: Int) async throws -> (records: [JSONValue], nextCursor: String?) {
        let position = try cursor.map { try Cursor.decode($0, as: QueryPosition.self) }
        if let position, position.scope != scope {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The cursor belongs to a different listing.")
        }
        if let position, position.skip < 0 { throw ListOffset.foreign }
        var locator = position?.locator
        var batch = if let locator { try await api.queryMore(locator) } else { try await api.query(query) }
        var start = position.map { position in
            position.after.flatMap { id in batch.records.firstIndex { $0["Id"]?.stringValue == id } }.map { $0 + 1 } ?? position.skip
        } ?? 0
        // The batch was served to its end: the next one starts the page.
        while start >= batch.records.count, !batch.done, let next = batch.nextRecordsUrl {
            batch = try await api.queryMore(next)
            locator = next
            start = 0
        }
        let end = min(start + max(1, limit), batch.records.count)
        let records = start < end ? Array(batch.records[start..<end]) : []
        let nextPosition: QueryPosition?
        if end < batch.records.count {
            nextPosition = QueryPosition(scope: scope, locator: locator, after: records.last?["Id"]?.stringValue, skip: end)
        } else if !batch.done, let next = batch.nextRecordsUrl {
            nextPosition = QueryPosition(scope: scope, locator: next, after: nil, skip: 0)
        } else {
            nextPosition = nil
        }
        return (records, try nextPosition.map { try Cursor.encode($0) })
    }
}
