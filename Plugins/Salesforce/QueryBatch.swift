import ConnectorSDK

/// One batch of a SOQL query result, as the REST API Developer Guide shows it:
/// `{totalSize, done, nextRecordsUrl?, records: [{attributes: {type, url}, ...}]}`.
struct QueryBatch: Decodable, Sendable {
    let done: Bool
    let nextRecordsUrl: String?
    let records: [JSONValue]
}

extension SalesforceAPI {
    /// The smallest batch Salesforce allows (`Sforce-Query-Options: batchSize`, 200...2000):
    /// a page never needs more, and smaller batches keep re-reads cheap.
    static let batchSize = 200

    /// Runs `query` and returns its first batch.
    func query(_ query: SOQLQuery) async throws -> QueryBatch {
        try await getJSON(
            dataPath + "/query/", query: [("q", query.text)], what: "the \(query.object) query",
            headers: [HTTPHeader("Sforce-Query-Options", "batchSize=\(Self.batchSize)")])
    }

    /// Reads the batch at a `nextRecordsUrl` Salesforce handed out (possibly
    /// through a client's cursor, so its shape is checked before it is requested).
    func queryMore(_ nextRecordsUrl: String) async throws -> QueryBatch {
        guard Self.isQueryLocator(nextRecordsUrl) else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The cursor is not one this connector issued.")
        }
        return try await getJSON(
            nextRecordsUrl, what: "the next query batch", headers: [HTTPHeader("Sforce-Query-Options", "batchSize=\(Self.batchSize)")])
    }

    /// Runs `query` and follows `nextRecordsUrl` until `done`.
    func queryAll(_ query: SOQLQuery) async throws -> [JSONValue] {
        var batch = try await self.query(query)
        var records = batch.records
        while !batch.done, let next = batch.nextRecordsUrl {
            batch = try await queryMore(next)
            records += batch.records
        }
        return records
    }

    /// `/services/data/vNN.N/query/<locator>-<offset>`, nothing else.
    static func isQueryLocator(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].isEmpty, parts[1] == "services", parts[2] == "data", parts[4] == "query",
            parts[3].first == "v", parts[3].dropFirst().allSatisfy({ $0.isNumber || $0 == "." }), !parts[5].isEmpty
        else { return false }
        return parts[5].allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }
}
