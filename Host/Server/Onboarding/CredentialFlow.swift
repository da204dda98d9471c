import ConnectorModel
import PluginRuntime
import Store

/// Onboarding with credentials the client brings (API key, user and password,
/// connection string): the plugin validates them first; nothing is stored
/// unless the provider accepted them.
struct CredentialFlow: Sendable {
    let calls: ConnectorCalls
    let connections: ConnectionService

    struct Hint: Encodable, Sendable {
        var method: AuthMethod.Kind
        var fields: [AuthMethod.Field]
        var hint: String?
    }

    func hint(_ plugin: LoadedPlugin, method kind: AuthMethod.Kind) throws(APIError) -> Hint {
        let method = try self.method(plugin, kind)
        return Hint(method: method.type, fields: method.fields ?? [], hint: method.hint)
    }

    func complete(
        _ plugin: LoadedPlugin, request: CallbackRequest, tenantId: String, actor: String, requestId: String
    ) async throws(APIError) -> ConnectionRecordAndAccount {
        let kind = request.method ?? plugin.manifest.authMethods.first { $0.type != .oauth2 }?.type
        guard let kind else {
            throw APIError(.badRequest, code: "auth_method_not_supported", "\(plugin.id) connects with oauth2 only: send code and state.")
        }
        let method = try self.method(plugin, kind)
        var grant = try CredentialFields.grant(for: method, from: request.fields, displayName: request.displayName)
        let verdict = try await calls.call(
            plugin.id, .validate, input: NoInput(), tenantId: tenantId, requestId: requestId,
            connection: .init(id: "candidate", context: ConnectionContext(config: grant.connectionConfig, credentials: grant.credentials)),
            as: ValidationResult.self)
        guard verdict.valid else {
            throw APIError(
                .unprocessableContent, code: "credentials_invalid", "\(plugin.manifest.displayName) refused the credentials: \(verdict.message)",
                details: verdict.details)
        }
        grant.account = verdict.account
        let record = try await connections.create(
            tenantId: tenantId, connectorId: plugin.id, workspaceId: request.workspaceId, authMethod: kind, grant: grant, actor: actor,
            requestId: requestId)
        return ConnectionRecordAndAccount(record: record, validation: verdict)
    }

    private func method(_ plugin: LoadedPlugin, _ kind: AuthMethod.Kind) throws(APIError) -> AuthMethod {
        guard kind != .oauth2, let method = plugin.manifest.authMethod(kind) else {
            let offered = plugin.manifest.authMethods.map(\.type.rawValue).joined(separator: ", ")
            throw APIError(.badRequest, code: "auth_method_not_supported", "\(plugin.id) does not connect with \(kind.rawValue); it offers: \(offered).")
        }
        return method
    }
}

struct ConnectionRecordAndAccount: Sendable {
    var record: ConnectionRecord
    var validation: ValidationResult
}
