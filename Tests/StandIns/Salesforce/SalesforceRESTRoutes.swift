import ConnectorModel
import Foundation
import Hummingbird

/// The REST API resources under `/services/data/vXX.X/`, with the session
/// check, the daily request count and `Sforce-Limit-Info` every one of them has.
enum SalesforceRESTRoutes {
    static func add(to router: Router<BasicRequestContext>, _ state: SalesforceStandInState) {
        let api = router.group("/services/data/:version")
        api.get("limits") { request, context in
            try rest(request, context, state) { _ in limits(state) }
        }
        api.get("sobjects") { request, context in
            try rest(request, context, state) { version in SalesforceDescribe.global(version: version) }
        }
        api.get("sobjects/:object/describe") { request, context in
            try rest(request, context, state) { version in
                guard let spec = SalesforceSchema.object(context.parameters.get("object") ?? "") else { return notFound }
                return SalesforceDescribe.object(spec, version: version)
            }
        }
        api.get("sobjects/:object/deleted") { request, context in
            try rest(request, context, state) { _ in try deleted(request, context.parameters.get("object") ?? "", state) }
        }
        api.get("query") { request, context in
            try rest(request, context, state) { version in try SalesforceQueryRoutes.query(request, version: version, state) }
        }
        api.get("query/:locator") { request, context in
            try rest(request, context, state) { version in
                try SalesforceQueryRoutes.queryMore(context.parameters.get("locator") ?? "", version: version, state)
            }
        }
    }

    static let notFound: Result<JSONValue, SOQLError> = .failure(SOQLError(errorCode: "NOT_FOUND", message: "The requested resource does not exist"))

    /// Checks version and session, runs `body` with the version ("66.0"), counts the request.
    private static func rest(
        _ request: Request, _ context: BasicRequestContext, _ state: SalesforceStandInState,
        _ body: (String) throws -> Result<JSONValue, SOQLError>
    ) throws -> Response {
        let segment = context.parameters.get("version") ?? ""
        let version = String(segment.dropFirst())
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard segment.hasPrefix("v"), parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            return try SalesforceWire.errors(status: 404, errorCode: "NOT_FOUND", message: "The requested resource does not exist")
        }
        guard let token = SalesforceOAuthRoutes.bearer(request), state.oauth.user(forAccessToken: token) != nil else {
            return try SalesforceWire.errors(
                status: 401, errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid", headers: [.wwwAuthenticate: "Token"])
        }
        let headers = HTTPFields.limitInfo(used: state.countRequest(), max: SalesforceStandInState.dailyApiRequests)
        switch try body(version) {
        case .success(let json):
            return try SalesforceWire.json(json, headers: headers)
        case .failure(let error):
            let status = error.errorCode == "NOT_FOUND" ? 404 : 400
            return try SalesforceWire.errors(status: status, errorCode: error.errorCode, message: error.message, headers: headers)
        }
    }

    /// Limits, as the REST API Developer Guide lists them (a few of the many).
    private static func limits(_ state: SalesforceStandInState) -> Result<JSONValue, SOQLError> {
        let maximum = SalesforceStandInState.dailyApiRequests
        return .success([
            "DailyApiRequests": ["Max": .number(Double(maximum)), "Remaining": .number(Double(maximum - state.usedRequests))],
            "DailyBulkApiBatches": ["Max": 15_000, "Remaining": 15_000],
            "DataStorageMB": ["Max": 5, "Remaining": 5],
            "FileStorageMB": ["Max": 20, "Remaining": 20],
        ])
    }

    /// sObject Get Deleted: `{deletedRecords: [{id, deletedDate}], earliestDateAvailable, latestDateCovered}`.
    /// Dates are read to the minute; the window must be longer than a minute and
    /// start within the 15 days the delete log keeps.
    private static func deleted(_ request: Request, _ object: String, _ state: SalesforceStandInState) throws -> Result<JSONValue, SOQLError> {
        guard let spec = SalesforceSchema.object(object) else { return notFound }
        let query = SalesforceWire.fields(request.uri.query ?? "")
        let minute: Int64 = 60_000
        let now = SalesforceTime.milliseconds(Date())
        let earliest = (now - 15 * 86_400_000) / minute * minute
        guard let startText = query["start"], let endText = query["end"], let start = SalesforceTime.parse(startText),
            let end = SalesforceTime.parse(endText)
        else {
            return .failure(SOQLError(errorCode: "INVALID_REPLICATION_DATE", message: "start and end must be ISO 8601 dateTimes"))
        }
        let (from, to) = (start / minute * minute, end / minute * minute)
        guard from < to else {
            return .failure(SOQLError(errorCode: "INVALID_REPLICATION_DATE", message: "startDate must chronologically precede endDate by more than one minute"))
        }
        guard from >= earliest else {
            return .failure(SOQLError(errorCode: "INVALID_REPLICATION_DATE", message: "startDate cannot be before earliestDateAvailable"))
        }
        let records = state.org.deletions(of: spec.name).filter { (from..<to).contains($0.at) }.map { deletion -> JSONValue in
            ["id": .string(deletion.id), "deletedDate": .string(SalesforceTime.format(deletion.at))]
        }
        return .success([
            "deletedRecords": .array(records), "earliestDateAvailable": .string(SalesforceTime.format(earliest)),
            "latestDateCovered": .string(SalesforceTime.format(to)),
        ])
    }
}
