import ConnectorModel
import HostLogging
import Store
import TokenEncryption

import struct Foundation.Date

/// Credentials at rest: encrypted with the primary Fernet key on the way in,
/// decrypted (with any configured key) on the way out. Only a masked hint and
/// non-secret metadata are ever shown.
struct TokenVault: Sendable {
    let store: any HostStore
    let keyring: FernetKeyring

    /// Encrypts and stores `credentials` as the connection's token; returns the stored record.
    @discardableResult
    func save(_ credentials: Credentials, connectionId: String, tenantId: String) async throws(APIError) -> TokenRecord {
        let document: [UInt8]
        do {
            document = try WireCoding.encode(credentials)
        } catch {
            throw APIError(.internalServerError, code: "internal_error", "The credentials could not be encoded.")
        }
        credentials.secretValues.forEach(SecretRedaction.register)
        let previous = try await existing(connectionId: connectionId, tenantId: tenantId)
        let record = TokenRecord(
            connectionId: connectionId, tenantId: tenantId, ciphertext: keyring.encrypt(document), type: credentials.type,
            scopes: credentials.scopes ?? [], expiresAt: credentials.expiresAt.flatMap(Timestamps.parse),
            hint: Self.hint(for: credentials), version: (previous?.version ?? 0) + 1, updatedAt: Date())
        do {
            try await store.saveToken(record)
        } catch {
            throw APIError(error)
        }
        return record
    }

    /// The decrypted credentials of a connection, or nil when it has none.
    func credentials(connectionId: String, tenantId: String) async throws(APIError) -> (Credentials, TokenRecord)? {
        guard let record = try await existing(connectionId: connectionId, tenantId: tenantId) else { return nil }
        let plain: [UInt8]
        do {
            plain = try keyring.decrypt(record.ciphertext)
        } catch {
            throw APIError(
                .internalServerError, code: "token_undecryptable",
                "The stored credentials cannot be decrypted with the configured ENCRYPTION_KEY (was the key rotated without keeping the old one?).")
        }
        guard let credentials = try? WireCoding.decode(Credentials.self, from: plain) else {
            throw APIError(.internalServerError, code: "store_corrupt", "The stored credentials are not a credentials document.")
        }
        credentials.secretValues.forEach(SecretRedaction.register)
        return (credentials, record)
    }

    func existing(connectionId: String, tenantId: String) async throws(APIError) -> TokenRecord? {
        do {
            return try await store.token(connectionId: connectionId, tenantId: tenantId)
        } catch {
            throw APIError(error)
        }
    }

    /// The last four characters of the main secret, e.g. "…f3a9"; less for short secrets.
    static func hint(for credentials: Credentials) -> String {
        guard let secret = credentials.accessToken ?? credentials.apiKey ?? credentials.password, secret.count >= 12 else {
            return "…"
        }
        return "…" + secret.suffix(4)
    }
}
