import ConnectorModel
import Hummingbird

extension JiraStandIn {
    /// Authenticates the request for its route form and checks the OAuth
    /// scope the operation needs, answering 401 the way Jira does otherwise.
    func serve(
        _ request: Request, _ context: BasicRequestContext, scope: String,
        _ handler: (AtlassianCaller, JiraJSON) async throws -> Response
    ) async throws -> Response {
        guard let caller = AtlassianCaller.authenticate(request, identity: identity, route: .product(cloudId: context.parameters.get("cloudId"))) else {
            return try StandInResponses.json(["code": 401, "message": "Unauthorized"] as JSONValue, status: .unauthorized)
        }
        guard caller.allows(scope) else {
            return try StandInResponses.json(["code": 401, "message": "Unauthorized; scope does not match"] as JSONValue, status: .unauthorized)
        }
        let users = state.withLock { $0.users }
        return try await handler(caller, JiraJSON(siteURL: siteURL, timeZone: identity.account.timeZone, users: users))
    }

    /// Jira's `ErrorCollection` body.
    static func errors(_ messages: [String], status: HTTPResponse.Status) throws -> Response {
        try StandInResponses.json(["errorMessages": .array(messages.map { .string($0) }), "errors": .object([:])] as JSONValue, status: status)
    }

    /// An integer query parameter with a default, clamped to `range`.
    static func integer(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) -> Int {
        let given = request.uri.queryParameters[name[...]].flatMap { Int($0) } ?? value
        return min(max(given, range.lowerBound), range.upperBound)
    }
}
