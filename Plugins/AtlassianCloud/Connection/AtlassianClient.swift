import ConnectorSDK

/// Sends one connection's requests through the host and turns every failure
/// into the unified error: statuses by `ProviderStatus`, transport failures
/// into `upstream_unavailable`, bodies that do not decode into
/// `upstream_bad_response`.
public struct AtlassianClient: Sendable {
    public let connection: AtlassianConnection
    let context: CallContext

    public init(_ context: CallContext, product: AtlassianProduct) throws {
        self.init(context, connection: try AtlassianConnection(context, product: product))
    }

    public init(_ context: CallContext, connection: AtlassianConnection) {
        self.context = context
        self.connection = connection
    }

    /// Sends `method` to `path` (below the connection's base) and returns a 2xx response.
    /// `what` names the resource in error messages ("Jira issue search").
    @discardableResult
    public func send(_ method: String, _ path: String, query: [(String, String)] = [], what: String) async throws -> HTTPResponse {
        try await perform(method, path, query: query, body: nil, what: what)
    }

    /// Like `send(_:_:query:what:)`, with `body` as JSON.
    @discardableResult
    public func send(
        _ method: String, _ path: String, query: [(String, String)] = [], json body: some Encodable & Sendable, what: String
    ) async throws -> HTTPResponse {
        try await perform(method, path, query: query, body: try WireCoding.encode(body), what: what)
    }

    /// GETs `path` and decodes the JSON body; `keepingRaw` says whether `Raw` members keep their JSON.
    public func get<Body: Decodable>(
        _ path: String, query: [(String, String)] = [], what: String, keepingRaw: Bool = true, as type: Body.Type = Body.self
    ) async throws -> Body {
        try await send("GET", path, query: query, what: what).decode(Body.self, userInfo: [.keepsRawJSON: keepingRaw])
    }

    private func perform(_ method: String, _ path: String, query: [(String, String)], body: [UInt8]?, what: String) async throws -> HTTPResponse {
        let url = connection.baseURL + path + (query.isEmpty ? "" : "?" + FormEncoding.query(query))
        var headers = [HTTPHeader("Authorization", connection.authorization), HTTPHeader("Accept", "application/json")]
        if body != nil { headers.append(HTTPHeader("Content-Type", "application/json")) }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body ?? [])
        let response = try await AtlassianTransport.send(request, context, what: what)
        context.log.debug(
            "\(connection.product.displayName) answered", ["method": .string(method), "path": .string(path), "status": .number(Double(response.status))])
        return try ProviderStatus.check(response, what: what, now: context.now)
    }
}

/// The host's HTTP with transport failures mapped, shared by the API client and the OAuth calls.
enum AtlassianTransport {
    static func send(_ request: HTTPRequest, _ context: CallContext, what: String) async throws -> HTTPResponse {
        do {
            return try await context.http.send(request)
        } catch let failure as HTTPTransportError {
            switch failure.kind {
            case .cancelled, .refused:
                // Cancellation must stay a cancellation; a refusal is the host's verdict on our request.
                throw failure
            case .timeout:
                throw ErrorDocument(
                    code: ErrorDocument.Code.upstreamUnavailable, message: "\(what) did not answer in time.",
                    details: ["transport": "timeout"])
            case .connectFailed, .failed:
                throw ErrorDocument(
                    code: ErrorDocument.Code.upstreamUnavailable, message: "\(what) could not be reached: \(failure.message)",
                    details: ["transport": failure.kind == .connectFailed ? "connect_failed" : "failed"])
            }
        }
    }
}
