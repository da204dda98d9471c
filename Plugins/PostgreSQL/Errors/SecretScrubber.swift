/// Removes secrets from text before it leaves the connector. libpq and the
/// server do not echo passwords, but a message may quote user input, so every
/// message is scrubbed anyway.
enum SecretScrubber {
    /// Secrets shorter than this are too common to mask without mangling text.
    static let minimumLength = 4

    static func scrub(_ text: String, _ secrets: [String]) -> String {
        secrets.filter { $0.count >= minimumLength }.reduce(text) { text, secret in
            text.replacing(secret, with: "***")
        }
    }
}
