import ConnectorModel
import Logging
import Store
import Synchronization

import struct Foundation.Date

/// Hands out a connection's credentials, refreshing OAuth tokens that are
/// about to expire. At most one refresh per connection runs at a time in this
/// process (single flight); across processes, a refresh that loses the race
/// (the provider refuses a refresh token another host just rotated) adopts
/// the winner's stored tokens instead of failing. New tokens are stored
/// before anyone uses them, so a rotated refresh token is never lost.
final class CredentialsProvider: Sendable {
    private let vault: TokenVault
    private let connections: ConnectionService
    private let calls: ConnectorCalls
    private let audit: AuditTrail
    private let margin: Duration
    private let flights = Mutex<[String: (id: Int, task: Task<Current, any Error>)]>([:])
    private let flightNumbers = Mutex(0)

    init(vault: TokenVault, connections: ConnectionService, calls: ConnectorCalls, audit: AuditTrail, margin: Duration) {
        self.vault = vault
        self.connections = connections
        self.calls = calls
        self.audit = audit
        self.margin = margin
    }

    /// Credentials and the stored version they came from, which a later refresh names.
    struct Current: Sendable {
        var credentials: Credentials
        var version: Int
    }

    /// The connection's credentials, refreshed first when they expire within the margin.
    func credentials(for connection: ConnectionRecord, requestId: String) async throws(APIError) -> Current? {
        guard let (credentials, token) = try await vault.credentials(connectionId: connection.id, tenantId: connection.tenantId) else {
            return nil
        }
        guard let expiresAt = token.expiresAt, expiresAt.timeIntervalSinceNow < margin.seconds, credentials.refreshToken != nil else {
            return Current(credentials: credentials, version: token.version)
        }
        return try await refresh(connection, seenVersion: token.version, requestId: requestId)
    }

    /// Refreshes unless someone already replaced the token at `seenVersion` (the
    /// version the caller used); concurrent callers share one refresh.
    func refresh(_ connection: ConnectionRecord, seenVersion: Int, requestId: String) async throws(APIError) -> Current {
        let key = "\(connection.tenantId)/\(connection.id)"
        let number = flightNumbers.withLock { value in
            value += 1
            return value
        }
        let flight = flights.withLock { flights in
            if let running = flights[key] { return running }
            let task = Task { try await self.performRefresh(connection, seenVersion: seenVersion, requestId: requestId) }
            flights[key] = (number, task)
            return (number, task)
        }
        defer {
            if flight.id == number { flights.withLock { _ = $0.removeValue(forKey: key) } }
        }
        do {
            return try await flight.task.value
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, code: "internal_error", "The token refresh failed unexpectedly.")
        }
    }

    private func performRefresh(_ connection: ConnectionRecord, seenVersion: Int, requestId: String) async throws(APIError) -> Current {
        guard let (current, token) = try await vault.credentials(connectionId: connection.id, tenantId: connection.tenantId) else {
            throw APIError(.conflict, code: "needs_reauth", "The connection has no stored credentials; connect it again.")
        }
        if token.version != seenVersion, !(token.expiresAt.map { $0.timeIntervalSinceNow < margin.seconds } ?? false) {
            return Current(credentials: current, version: token.version)  // someone refreshed since the caller read its token
        }
        let grant: ConnectionGrant
        do throws(APIError) {
            grant = try await calls.call(
                connection.connectorId, .refreshOAuthToken, input: NoInput(), tenantId: connection.tenantId, requestId: requestId,
                connection: .init(id: connection.id, context: ConnectionContext(config: connection.config, credentials: current)),
                as: ConnectionGrant.self)
        } catch where error.code == "invalid_grant" {
            return try await adoptOrGiveUp(connection, seenVersion: token.version, requestId: requestId)
        }
        var credentials = grant.credentials
        if credentials.refreshToken == nil { credentials.refreshToken = current.refreshToken }
        let saved = try await vault.save(credentials, connectionId: connection.id, tenantId: connection.tenantId)
        var updated = connection
        updated.config.merge(grant.connectionConfig) { _, new in new }
        updated.status = .connected
        try await connections.update(updated)
        await audit.record(
            "token.refreshed", target: connection.id, tenantId: connection.tenantId, actor: "host", requestId: requestId,
            details: ["rotatedRefreshToken": .bool(grant.credentials.refreshToken != nil && grant.credentials.refreshToken != current.refreshToken)])
        return Current(credentials: credentials, version: saved.version)
    }

    /// How long a host whose refresh token was refused waits for another host's
    /// refresh to be stored: the provider rotates the token before the winner
    /// has its answer, let alone stored it.
    static let adoptionWindow = Duration.seconds(3)

    /// The provider refused the refresh token: another host may have rotated it a moment ago.
    private func adoptOrGiveUp(_ connection: ConnectionRecord, seenVersion: Int, requestId: String) async throws(APIError) -> Current {
        let deadline = ContinuousClock.now + Self.adoptionWindow
        while true {
            if let (stored, token) = try await vault.credentials(connectionId: connection.id, tenantId: connection.tenantId),
                token.version != seenVersion
            {
                return Current(credentials: stored, version: token.version)
            }
            guard ContinuousClock.now < deadline else { break }
            try? await Task.sleep(for: .milliseconds(100))
        }
        throw try await connections.needsReauth(
            connection, because: "The provider refused the refresh token (invalid_grant).", requestId: requestId)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
