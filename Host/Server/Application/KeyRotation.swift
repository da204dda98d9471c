import Logging
import Store
import TokenEncryption

/// Re-encrypts every stored secret with the first ENCRYPTION_KEY, so older
/// keys can then be removed from the list: connection tokens, the secrets in
/// operators' connector settings (OAuth client secrets, ...) and webhook
/// signing secrets. Safe to run while hosts serve: each record is rewritten
/// whole, and every host decrypts with all keys.
///
/// Not rewritten: pending OAuth sessions, which expire within
/// `OAUTH_STATE_TTL_SECONDS`; wait that long before removing the old key.
public enum KeyRotation {
    public struct Report: Sendable {
        /// Encrypted values looked at, and how many were rewritten.
        public var examined = 0
        public var rewritten = 0
        /// Values no configured key can decrypt (left as they are), e.g. `token conn_…`.
        public var unreadable: [String] = []
    }

    public static func run(configuration: HostConfiguration, logger: Logger) async throws -> Report {
        guard let value = configuration.encryptionKey else {
            throw ConfigurationError(key: "ENCRYPTION_KEY", "must list the new key first and the old ones after it")
        }
        var rotation = Rotation(keyring: try FernetKeyring(environmentValue: value))
        let store = try StoreFactory.make(configuration, logger: logger)
        try await rotateTokens(store, &rotation)
        try await rotateConnectorSettings(store, &rotation)
        try await rotateWebhooks(store, &rotation)
        return rotation.report
    }

    private static let pageSize = 500

    private static func rotateTokens(_ store: any HostStore, _ rotation: inout Rotation) async throws {
        var after: String?
        repeat {
            let page = try await store.allTokens(afterConnectionId: after, limit: pageSize)
            for var token in page where rotation.reencrypt(&token.ciphertext, naming: "token \(token.connectionId)") {
                try await store.saveToken(token)
            }
            after = page.count == pageSize ? page.last?.connectionId : nil
        } while after != nil
    }

    private static func rotateConnectorSettings(_ store: any HostStore, _ rotation: inout Rotation) async throws {
        for var settings in try await store.allConnectorSettings() {
            var changed = false
            for name in settings.encryptedSecrets.keys.sorted() {
                changed = rotation.reencrypt(&settings.encryptedSecrets[name]!, naming: "setting \(settings.connectorId).\(name)") || changed
            }
            if changed { try await store.saveConnectorSettings(settings) }
        }
    }

    private static func rotateWebhooks(_ store: any SyncStore, _ rotation: inout Rotation) async throws {
        var after: String?
        repeat {
            let page = try await store.allWebhooks(afterId: after, limit: pageSize)
            for var webhook in page where rotation.reencrypt(&webhook.encryptedSigningSecret, naming: "webhook \(webhook.id)") {
                try await store.updateWebhook(webhook)
            }
            after = page.count == pageSize ? page.last?.id : nil
        } while after != nil
    }

    /// The keyring and the tally of one run.
    private struct Rotation {
        let keyring: FernetKeyring
        var report = Report()

        /// Rewrites `ciphertext` under the primary key; true when it changed.
        mutating func reencrypt(_ ciphertext: inout String, naming what: String) -> Bool {
            report.examined += 1
            guard !keyring.isEncryptedWithPrimary(ciphertext) else { return false }
            do {
                ciphertext = try keyring.reencrypt(ciphertext)
            } catch {
                report.unreadable.append(what)
                return false
            }
            report.rewritten += 1
            return true
        }
    }
}
