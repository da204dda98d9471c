import ConnectorModel
import Foundation
import Hummingbird

/// Query (`GET /query/?q=`) and queryMore (`GET /query/01g…-2000`). Results are
/// `{totalSize, done, nextRecordsUrl?, records}` as the REST API Developer Guide's
/// "Execute a SOQL Query" shows; the batch size comes from the
/// `Sforce-Query-Options: batchSize=N` header (200 to 2000, default 2000).
enum SalesforceQueryRoutes {
    static func query(_ request: Request, version: String, _ state: SalesforceStandInState) throws -> Result<JSONValue, SOQLError> {
        guard let text = SalesforceWire.fields(request.uri.query ?? "")["q"], !text.isEmpty else {
            return .failure(.malformed("A query string has to be specified"))
        }
        let records: [JSONValue]
        do {
            records = try SOQLExecutor(org: state.org, version: version).run(try SOQLParser.parse(text))
        } catch {
            return .failure(error)
        }
        let size = batchSize(request)
        // Only a result larger than one batch needs a server-side cursor.
        let id = records.count > size ? state.open(records, batchSize: size) : nil
        return .success(batch(SalesforceStandInState.OpenQuery(records: records, batchSize: size), id: id, offset: 0, version: version, state))
    }

    static func queryMore(_ locator: String, version: String, _ state: SalesforceStandInState) throws -> Result<JSONValue, SOQLError> {
        let parts = locator.split(separator: "-")
        guard parts.count == 2, let offset = Int(parts[1]), offset >= 0, let open = state.openQuery(String(parts[0])) else {
            return .failure(SOQLError(errorCode: "INVALID_QUERY_LOCATOR", message: "invalid query locator"))
        }
        return .success(batch(open, id: String(parts[0]), offset: offset, version: version, state))
    }

    /// The batch of `open` from `offset`; `id` names the cursor when more follow.
    private static func batch(
        _ open: SalesforceStandInState.OpenQuery, id: String?, offset: Int, version: String, _ state: SalesforceStandInState
    ) -> JSONValue {
        let end = min(offset + open.batchSize, open.records.count)
        var body: [String: JSONValue] = [
            "totalSize": .number(Double(open.records.count)), "done": .bool(end >= open.records.count),
            "records": .array(offset < end ? Array(open.records[offset..<end]) : []),
        ]
        if end < open.records.count, let id {
            let next = "/services/data/v\(version)/query/\(id)-\(end)"
            state.issued(next)
            body["nextRecordsUrl"] = .string(next)
        }
        return .object(body)
    }

    private static func batchSize(_ request: Request) -> Int {
        let options = request.headers[HTTPFields.Element.Name("Sforce-Query-Options")!] ?? ""
        let requested = options.split(separator: ",").compactMap { option -> Int? in
            let pair = option.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            return pair.count == 2 && pair[0] == "batchSize" ? Int(pair[1]) : nil
        }.first
        return min(max(requested ?? 2000, 200), 2000)
    }
}
