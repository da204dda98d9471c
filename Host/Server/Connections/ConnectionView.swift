import ConnectorModel
import Store

import struct Foundation.Date

/// A connection as clients see it: never a secret, only token metadata.
struct ConnectionView: Codable, Sendable {
    var id: String
    var connectorId: String
    var workspaceId: String?
    var authMethod: AuthMethod.Kind
    var status: ConnectionRecord.Status
    var displayName: String?
    var config: [String: JSONValue]
    var account: JSONValue?
    var createdAt: Date
    var updatedAt: Date
    var lastValidatedAt: Date?
    var token: TokenView?

    init(_ record: ConnectionRecord, token: TokenRecord?) {
        id = record.id
        connectorId = record.connectorId
        workspaceId = record.workspaceId
        authMethod = record.authMethod
        status = record.status
        displayName = record.displayName
        config = record.config
        account = record.account
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        lastValidatedAt = record.lastValidatedAt
        self.token = token.map(TokenView.init)
    }
}

/// What may be shown about stored credentials: type, scopes, expiry and a masked hint.
struct TokenView: Codable, Sendable {
    var connectionId: String
    var type: AuthMethod.Kind
    var scopes: [String]
    var expiresAt: Date?
    var expired: Bool
    var hint: String
    var updatedAt: Date

    init(_ record: TokenRecord) {
        connectionId = record.connectionId
        type = record.type
        scopes = record.scopes
        expiresAt = record.expiresAt
        expired = record.expiresAt.map { $0 <= Date() } ?? false
        hint = record.hint
        updatedAt = record.updatedAt
    }
}
