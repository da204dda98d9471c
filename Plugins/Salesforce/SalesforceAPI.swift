import ConnectorSDK

/// The REST API of one connection's org: its instance URL, the API version and
/// the access token, with Salesforce's failures mapped to unified errors.
/// Requests go to the absolute instance URL the token response named.
struct SalesforceAPI: Sendable {
    static let defaultVersion = "66.0"

    let context: CallContext
    let instance: HTTPOrigin
    /// e.g. "66.0".
    let version: String
    private let accessToken: String

    /// Throws `not_configured` or `invalid_credentials` naming what is missing.
    init(_ context: CallContext) throws {
        self.context = context
        version = try Self.apiVersion(context)
        guard let connection = context.connection else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "This operation needs a Salesforce connection.")
        }
        let instanceText = connection.config["instanceUrl"]?.stringValue ?? connection.credentials?.extra?["instanceUrl"]?.stringValue
        guard let instanceText, let instance = HTTPOrigin(instanceText) else {
            throw ErrorDocument(
                code: ErrorDocument.Code.notConfigured,
                message: "The connection has no usable instanceUrl; connect the Salesforce account again.")
        }
        guard let token = connection.credentials?.accessToken, !token.isEmpty else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidCredentials, message: "The connection has no Salesforce access token.")
        }
        self.instance = instance
        accessToken = token
    }

    /// The `apiVersion` setting (default 66.0), checked to be `NN.0`.
    static func apiVersion(_ context: CallContext) throws -> String {
        let version = context.setting("apiVersion") ?? defaultVersion
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, (2...3).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigit), parts[1] == "0" else {
            throw ErrorDocument(
                code: ErrorDocument.Code.notConfigured, message: "The apiVersion setting \"\(version)\" is not a version like 66.0.")
        }
        return version
    }

    /// `/services/data/vNN.0`
    var dataPath: String { "/services/data/v\(version)" }

    /// GETs `path` (which starts with "/") on the instance; returns the 2xx answer or throws the mapped error.
    func get(_ path: String, query: [(String, String)] = [], what: String, headers: [HTTPHeader] = []) async throws -> HTTPResponse {
        var request = authorizedGET(path + (query.isEmpty ? "" : "?" + FormEncoding.query(query)))
        request.headers += headers
        let response = try await context.http.send(request)
        if let usage = response.header("sforce-limit-info") {
            context.log.debug("Salesforce API usage", ["what": .string(what), "limitInfo": .string(usage)])
        }
        guard response.isSuccess else {
            throw SalesforceErrors.document(for: response, what: what, secrets: context.secrets)
        }
        return response
    }

    /// A GET of `path` on the instance with the connection's bearer token.
    func authorizedGET(_ path: String) -> HTTPRequest {
        HTTPRequest(
            method: "GET", url: instance.url + path,
            headers: [HTTPHeader("Authorization", "Bearer \(accessToken)"), HTTPHeader("Accept", "application/json")])
    }

    /// GETs `path` and decodes its JSON body.
    func getJSON<T: Decodable>(
        _ path: String, query: [(String, String)] = [], what: String, headers: [HTTPHeader] = [], as type: T.Type = T.self
    ) async throws -> T {
        try await get(path, query: query, what: what, headers: headers).decode(T.self)
    }
}

extension CallContext {
    /// Every secret this call knows, to mask out of provider text.
    var secrets: [String] {
        (credentials?.secretValues ?? []) + [setting("clientSecret")].compactMap { $0 }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
