import ConnectorModel
import Hummingbird

/// `/api/connectors/{id}/connect`, `/connect/callback`, `/validate`, `/revoke`.
struct OnboardingRoutes {
    let services: AppServices

    struct Connected: Encodable, Sendable {
        var connectionId: String
        var status: String
        var connection: ConnectionView
    }

    func register(on group: RouterGroup<HostRequestContext>) {
        group.post("connectors/{id}/connect", use: connect)
        group.post("connectors/{id}/connect/callback", use: callback)
        group.post("connectors/{id}/validate", use: validate)
        group.post("connectors/{id}/revoke", use: revoke)
    }

    /// OAuth: returns `authUrl` and `state` (the PKCE verifier stays here). Other methods: the fields to send.
    @Sendable func connect(_ request: Request, context: HostRequestContext) async throws -> Response {
        let tenantId = try context.requireTenant()
        let plugin = try services.calls.plugin(try context.parameters.require("id"))
        let body = try await request.decodeJSON(ConnectRequest.self, context: context)
        let method = body.method ?? (plugin.manifest.authMethod(.oauth2) != nil ? .oauth2 : plugin.manifest.authMethods.first?.type)
        switch method {
        case .oauth2:
            let start = try await services.oauth.start(plugin, request: body, tenantId: tenantId)
            await services.audit.record(
                "connection.authorization_started", target: plugin.id, tenantId: tenantId, actor: context.actor, requestId: context.requestId)
            return try Envelope(start).response(from: request, context: context)
        case .some(let kind):
            return try Envelope(try services.credentialFlow.hint(plugin, method: kind)).response(from: request, context: context)
        case nil:
            throw APIError(.badRequest, code: "auth_method_not_supported", "\(plugin.id) declares no auth method.")
        }
    }

    @Sendable func callback(_ request: Request, context: HostRequestContext) async throws -> Envelope<Connected> {
        let tenantId = try context.requireTenant()
        let plugin = try services.calls.plugin(try context.parameters.require("id"))
        let body = try CallbackRequest(try await request.decodeJSON([String: JSONValue].self, context: context))
        let record =
            body.isOAuth
            ? try await services.oauth.complete(plugin, request: body, tenantId: tenantId, actor: context.actor, requestId: context.requestId)
            : try await services.credentialFlow.complete(
                plugin, request: body, tenantId: tenantId, actor: context.actor, requestId: context.requestId
            ).record
        return Envelope(
            Connected(connectionId: record.id, status: "connected", connection: try await services.connections.view(record)), status: .created)
    }

    @Sendable func validate(_ request: Request, context: HostRequestContext) async throws -> Envelope<ValidationResult> {
        let tenantId = try context.requireTenant()
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(ConnectionReference.self, context: context)
        let connection = try await services.connections.connection(body.connectionId, of: id, tenantId: tenantId)
        return Envelope(try await services.connectionActions.validate(connection, actor: context.actor, requestId: context.requestId))
    }

    @Sendable func revoke(_ request: Request, context: HostRequestContext) async throws -> Envelope<ConnectionActions.Revocation> {
        let tenantId = try context.requireTenant()
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(ConnectionReference.self, context: context)
        let connection = try await services.connections.connection(body.connectionId, of: id, tenantId: tenantId)
        return Envelope(try await services.connectionActions.revoke(connection, actor: context.actor, requestId: context.requestId))
    }
}

/// `{"connectionId": "..."}`
struct ConnectionReference: Decodable, Sendable {
    var connectionId: String
}
