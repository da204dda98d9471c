import ConnectorModel
import Store

/// Calls a connector on behalf of a stored connection: fresh credentials in,
/// and one refresh-and-retry when the provider says they expired. When the
/// provider still refuses them, the connection needs to be authorized again.
struct ConnectedCalls: Sendable {
    let calls: ConnectorCalls
    let credentials: CredentialsProvider
    let connections: ConnectionService

    func call<Input: Codable & Sendable, Output: Decodable>(
        _ connection: ConnectionRecord, _ operation: Operation, input: Input, requestId: String, as output: Output.Type
    ) async throws(APIError) -> Output {
        let current = try await credentials.credentials(for: connection, requestId: requestId)
        do throws(APIError) {
            return try await invoke(connection, operation, input, current?.credentials, requestId)
        } catch where error.code == ErrorDocument.Code.authExpired {
            guard current?.credentials.refreshToken != nil else {
                throw try await connections.needsReauth(connection, because: error.message, requestId: requestId)
            }
            // Name the version this call used: if another call refreshed meanwhile, its tokens are reused.
            let refreshed = try await credentials.refresh(connection, seenVersion: current?.version ?? 0, requestId: requestId)
            do throws(APIError) {
                return try await invoke(connection, operation, input, refreshed.credentials, requestId)
            } catch where error.code == ErrorDocument.Code.authExpired {
                throw try await connections.needsReauth(connection, because: error.message, requestId: requestId)
            }
        }
    }

    private func invoke<Input: Codable & Sendable, Output: Decodable>(
        _ connection: ConnectionRecord, _ operation: Operation, _ input: Input, _ credentials: Credentials?, _ requestId: String
    ) async throws(APIError) -> Output {
        try await calls.call(
            connection.connectorId, operation, input: input, tenantId: connection.tenantId, requestId: requestId,
            connection: .init(id: connection.id, context: ConnectionContext(config: connection.config, credentials: credentials)),
            as: Output.self)
    }
}
