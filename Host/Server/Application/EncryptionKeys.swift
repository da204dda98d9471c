import Logging
import TokenEncryption

/// Where the Fernet keys come from: `ENCRYPTION_KEY` (comma-separated, first
/// encrypts), or outside production an ephemeral key with a loud warning,
/// because everything it encrypts is unreadable after a restart.
enum EncryptionKeys {
    static func keyring(for configuration: HostConfiguration, logger: Logger) throws -> FernetKeyring {
        if let value = configuration.encryptionKey {
            do {
                return try FernetKeyring(environmentValue: value)
            } catch {
                throw ConfigurationError(key: "ENCRYPTION_KEY", "is not usable: \(error)")
            }
        }
        guard configuration.environment != .production else {
            throw ConfigurationError(
                key: "ENCRYPTION_KEY",
                "is required when APP_ENV=production (generate one with `connector-host keys generate`)")
        }
        logger.warning(
            "ENCRYPTION_KEY is not set: using an ephemeral key. Stored tokens and secret settings will be unreadable after a restart. Set ENCRYPTION_KEY for anything but a throw-away run.")
        return try FernetKeyring(keys: [FernetKey.generate()])
    }
}
