import Logging
import Store
import TokenEncryption

/// Re-encrypts every stored token with the first ENCRYPTION_KEY, so older
/// keys can then be removed from the list. Safe to run while hosts serve:
/// each token is rewritten whole, and every host decrypts with all keys.
public enum KeyRotation {
    public struct Report: Sendable {
        public var examined = 0
        public var rewritten = 0
        /// Tokens no configured key can decrypt (left as they are).
        public var unreadable: [String] = []
    }

    public static func run(configuration: HostConfiguration, logger: Logger) async throws -> Report {
        guard let value = configuration.encryptionKey else {
            throw ConfigurationError(key: "ENCRYPTION_KEY", "must list the new key first and the old ones after it")
        }
        let keyring = try FernetKeyring(environmentValue: value)
        let store = try StoreFactory.make(configuration, logger: logger)
        var report = Report()
        var after: String?
        while true {
            let page = try await store.allTokens(afterConnectionId: after, limit: 500)
            for var token in page {
                report.examined += 1
                guard !keyring.isEncryptedWithPrimary(token.ciphertext) else { continue }
                do {
                    token.ciphertext = try keyring.reencrypt(token.ciphertext)
                } catch {
                    report.unreadable.append(token.connectionId)
                    continue
                }
                try await store.saveToken(token)
                report.rewritten += 1
            }
            guard let last = page.last, page.count == 500 else { break }
            after = last.connectionId
        }
        return report
    }
}
