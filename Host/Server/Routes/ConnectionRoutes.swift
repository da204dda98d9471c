import ConnectorModel
import Hummingbird
import Store

import struct Foundation.Date

/// `/api/connections`: list, create, store a token, validate, revoke, token
/// metadata and sync state. Every lookup is tenant-scoped.
struct ConnectionRoutes {
    let services: AppServices

    func register(on group: RouterGroup<HostRequestContext>) {
        group.get("connections", use: list)
        group.post("connections", use: create)
        group.post("connections/token", use: storeToken)
        group.post("connections/validate", use: validate)
        group.post("connections/revoke", use: revoke)
        group.get("connections/{connectionId}", use: show)
        group.get("connections/{connectionId}/token", use: token)
        group.get("connections/{connectionId}/sync-state", use: syncStates)
        group.post("connections/{connectionId}/sync-state", use: saveSyncState)
    }

    @Sendable func list(_ request: Request, context: HostRequestContext) async throws -> Envelope<Page<ConnectionView>> {
        let tenantId = try context.requireTenant()
        let paging = try Paging(request.uri.queryParameters)
        let records: [ConnectionRecord]
        do {
            records = try await services.store.connections(
                tenantId: tenantId, connectorId: request.uri.queryParameters["connectorId"].map(String.init), afterId: paging.after,
                limit: paging.limit + 1)
        } catch {
            throw APIError(error)
        }
        var views: [ConnectionView] = []
        for record in records.prefix(paging.limit) { views.append(try await services.connections.view(record)) }
        return Envelope(Page(items: views, nextCursor: records.count > paging.limit ? records[paging.limit - 1].id : nil))
    }

    @Sendable func create(_ request: Request, context: HostRequestContext) async throws -> Envelope<OnboardingRoutes.Connected> {
        let tenantId = try context.requireTenant()
        var body = try await request.decodeJSON([String: JSONValue].self, context: context)
        guard let connectorId = body.removeValue(forKey: "connectorId")?.stringValue else {
            throw APIError.invalidRequest("The request body lacks the field \"connectorId\".", details: ["field": "connectorId"])
        }
        let plugin = try services.calls.plugin(connectorId)
        let callback = try CallbackRequest(body)
        guard !callback.isOAuth else {
            throw APIError(
                .badRequest, code: "auth_method_not_supported", "OAuth connections are created through /api/connectors/\(connectorId)/connect.")
        }
        let created = try await services.credentialFlow.complete(
            plugin, request: callback, tenantId: tenantId, actor: context.actor, requestId: context.requestId)
        return Envelope(
            .init(connectionId: created.record.id, status: "connected", connection: try await services.connections.view(created.record)),
            status: .created)
    }

    struct StoreTokenRequest: Decodable, Sendable {
        var connectionId: String
        /// An access token, or a whole credentials document.
        var token: JSONValue
    }

    @Sendable func storeToken(_ request: Request, context: HostRequestContext) async throws -> Envelope<TokenView> {
        let tenantId = try context.requireTenant()
        let body = try await request.decodeJSON(StoreTokenRequest.self, context: context)
        let connection = try await services.connections.connection(body.connectionId, tenantId: tenantId)
        let credentials: Credentials
        switch body.token {
        case .string(let accessToken) where !accessToken.isEmpty:
            credentials = Credentials(type: connection.authMethod, accessToken: accessToken)
        case .object:
            guard let document = try? body.token.decode(as: Credentials.self) else {
                throw APIError.invalidRequest("token must be a string or a credentials document ({type, accessToken, ...}).", details: ["field": "token"])
            }
            credentials = document
        default:
            throw APIError.invalidRequest("token must be a non-empty string or a credentials document.", details: ["field": "token"])
        }
        let record = try await services.vault.save(credentials, connectionId: connection.id, tenantId: tenantId)
        await services.audit.record(
            "token.stored", target: connection.id, tenantId: tenantId, actor: context.actor, requestId: context.requestId,
            details: ["type": .string(credentials.type.rawValue)])
        return Envelope(TokenView(record))
    }

    @Sendable func validate(_ request: Request, context: HostRequestContext) async throws -> Envelope<ValidationResult> {
        let tenantId = try context.requireTenant()
        let body = try await request.decodeJSON(ConnectionReference.self, context: context)
        let connection = try await services.connections.connection(body.connectionId, tenantId: tenantId)
        return Envelope(try await services.connectionActions.validate(connection, actor: context.actor, requestId: context.requestId))
    }

    @Sendable func revoke(_ request: Request, context: HostRequestContext) async throws -> Envelope<ConnectionActions.Revocation> {
        let tenantId = try context.requireTenant()
        let body = try await request.decodeJSON(ConnectionReference.self, context: context)
        let connection = try await services.connections.connection(body.connectionId, tenantId: tenantId)
        return Envelope(try await services.connectionActions.revoke(connection, actor: context.actor, requestId: context.requestId))
    }

    @Sendable func show(_ request: Request, context: HostRequestContext) async throws -> Envelope<ConnectionView> {
        let connection = try await services.connections.connection(
            try context.parameters.require("connectionId"), tenantId: try context.requireTenant())
        return Envelope(try await services.connections.view(connection))
    }

    @Sendable func token(_ request: Request, context: HostRequestContext) async throws -> Envelope<TokenView> {
        let tenantId = try context.requireTenant()
        let connection = try await services.connections.connection(try context.parameters.require("connectionId"), tenantId: tenantId)
        guard let token = try await services.vault.existing(connectionId: connection.id, tenantId: tenantId) else {
            throw APIError(.notFound, code: "token_not_found", "The connection has no stored credentials.")
        }
        return Envelope(TokenView(token))
    }

    @Sendable func syncStates(_ request: Request, context: HostRequestContext) async throws -> Envelope<[SyncStateRecord]> {
        let tenantId = try context.requireTenant()
        let connection = try await services.connections.connection(try context.parameters.require("connectionId"), tenantId: tenantId)
        do {
            return Envelope(try await services.store.syncStates(connectionId: connection.id, tenantId: tenantId))
        } catch {
            throw APIError(error)
        }
    }

    struct SyncStateRequest: Decodable, Sendable {
        var stream: String
        var checkpoint: JSONValue
    }

    @Sendable func saveSyncState(_ request: Request, context: HostRequestContext) async throws -> Envelope<SyncStateRecord> {
        let tenantId = try context.requireTenant()
        let connection = try await services.connections.connection(try context.parameters.require("connectionId"), tenantId: tenantId)
        let body = try await request.decodeJSON(SyncStateRequest.self, context: context)
        guard !body.stream.isEmpty, body.stream.count <= 200 else {
            throw APIError.invalidRequest("stream must be 1 to 200 characters.", details: ["field": "stream"])
        }
        let record = SyncStateRecord(tenantId: tenantId, connectionId: connection.id, stream: body.stream, checkpoint: body.checkpoint, updatedAt: Date())
        do {
            try await services.store.saveSyncState(record)
        } catch {
            throw APIError(error)
        }
        await services.audit.record(
            "sync_state.saved", target: connection.id, tenantId: tenantId, actor: context.actor, requestId: context.requestId,
            details: ["stream": .string(body.stream)])
        return Envelope(record)
    }
}

/// `limit` (1...100, default 25) and `cursor` query parameters.
struct Paging: Sendable {
    var limit: Int
    var after: String?

    init(_ query: Parameters, defaultLimit: Int = 25) throws(APIError) {
        if let text = query["limit"] {
            guard let value = Int(text), (1...100).contains(value) else {
                throw APIError.invalidRequest("limit must be a whole number from 1 to 100.", details: ["field": "limit"])
            }
            limit = value
        } else {
            limit = defaultLimit
        }
        after = query["cursor"].map(String.init)
    }
}
