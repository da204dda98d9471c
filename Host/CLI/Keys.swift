import ArgumentParser
import TokenEncryption

/// `connector-host keys`: encryption key management.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage ENCRYPTION_KEY.", subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new Fernet key. To rotate, put it first in ENCRYPTION_KEY and keep the old keys after it.")

        func run() {
            print(FernetKey.generate().base64URL)
        }
    }
}
