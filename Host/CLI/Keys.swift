import ArgumentParser
import HostLogging
import HostServer
import Logging
import TokenEncryption

/// `connector-host keys`: encryption key management.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage ENCRYPTION_KEY.", subcommands: [Generate.self, Rotate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new Fernet key. To rotate, put it first in ENCRYPTION_KEY and keep the old keys after it.")

        func run() {
            print(FernetKey.generate().base64URL)
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Re-encrypt every stored secret (tokens, connector settings, webhook signing secrets) with the first key \
                of ENCRYPTION_KEY; the old keys can be dropped once pending OAuth sessions expired (OAUTH_STATE_TTL_SECONDS).
                """)

        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            let configuration = try settings.configuration()
            StructuredLogHandler.bootstrap(level: .warning, format: .text)
            let report = try await KeyRotation.run(configuration: configuration, logger: Logger(label: "keys"))
            print("secrets examined: \(report.examined), re-encrypted: \(report.rewritten)")
            if !report.unreadable.isEmpty {
                print("no configured key decrypts: \(report.unreadable.joined(separator: ", "))")
                throw ExitCode(2)
            }
        }
    }
}
