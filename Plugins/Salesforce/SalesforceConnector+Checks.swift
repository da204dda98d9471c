import ConnectorSDK

/// `validate` asks the identity service who the token belongs to; `probe` reads
/// the org's limits (or, without a connection, whether onboarding can start).
extension SalesforceConnector {
    public func validate(_ context: CallContext) async throws -> ValidationResult {
        guard context.connection != nil else {
            return ValidationResult(valid: false, message: "Validating Salesforce credentials needs a connection.")
        }
        let api: SalesforceAPI
        do {
            api = try SalesforceAPI(context)
        } catch let error as ErrorDocument {
            return ValidationResult(refused: error)
        }
        let response = try await context.http.send(api.authorizedGET("/services/oauth2/userinfo"))
        // The identity service answers a dead token with 401, or 403 and the text "Bad_OAuth_Token".
        if response.status == 401 || (response.status == 403 && String(decoding: response.body, as: UTF8.self).contains("Bad_OAuth_Token")) {
            throw ErrorDocument(
                code: ErrorDocument.Code.authExpired, message: "Salesforce no longer accepts the access token (userinfo: HTTP \(response.status)).",
                details: ["providerStatus": .number(Double(response.status))])
        }
        guard response.isSuccess else {
            throw ErrorDocument(providerStatus: response.status, what: "userinfo")
        }
        let account = UserInfo.account(try response.decode(JSONValue.self))
        let who = account["preferred_username"]?.stringValue ?? "the connected user"
        return ValidationResult(
            valid: true, message: "Salesforce accepts the credentials of \(who).", account: account,
            details: ["instanceUrl": .string(api.instance.url), "apiVersion": .string(api.version)])
    }

    public func probe(_ context: CallContext) async throws -> ProbeResult {
        guard context.connection != nil else { return OnboardingReadiness.probe(Self.manifest, context) }
        let api: SalesforceAPI
        do {
            api = try SalesforceAPI(context)
        } catch let error as ErrorDocument {
            return ProbeResult(status: .notConfigured, message: error.message, details: ["code": .string(error.code)])
        }
        let response: HTTPResponse
        do {
            response = try await api.get(api.dataPath + "/limits", what: "the org limits")
        } catch let error as ErrorDocument where error.code != ErrorDocument.Code.authExpired {
            // An expired session is the host's to refresh; anything else is what the probe reports.
            return ProbeResult(
                status: .unreachable, message: error.message,
                details: ["code": .string(error.code), "instanceUrl": .string(api.instance.url), "apiVersion": .string(api.version)])
        }
        let limits = try response.decode(JSONValue.self)
        var details: [String: JSONValue] = ["instanceUrl": .string(api.instance.url), "apiVersion": .string(api.version)]
        if let daily = limits["DailyApiRequests"] {
            details["dailyApiRequests"] = ["max": daily["Max"] ?? .null, "remaining": daily["Remaining"] ?? .null]
        }
        // `api-usage=used/max`, on every REST response; the cheapest view of the same budget.
        details["limitInfo"] = response.header("sforce-limit-info").map { .string($0) } ?? .null
        let remaining = limits["DailyApiRequests"]?["Remaining"]?.intValue.map { ", \($0) API requests left today" } ?? ""
        return ProbeResult(
            status: .ready, message: "Salesforce answered at \(api.instance.url) (API v\(api.version))\(remaining).",
            availableAuthMethods: [.oauth2], details: .object(details))
    }
}
