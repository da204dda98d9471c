import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Masks secrets in anything that is about to be logged or shown: by key name
/// (`password`, `client_secret`, ...), by shape (`Bearer ...`, `Basic ...`) and
/// by value (every secret the host has handled is registered here).
public enum SecretRedaction {
    public static let mask = "***"

    /// True when a field called `key` holds a secret, whatever its spelling
    /// (`apiKey`, `api_key`, `X-Api-Key`, `refreshToken`, ...).
    public static func isSensitiveKey(_ key: String) -> Bool {
        let normalized = lettersAndDigitsLowercased(key)
        if sensitiveNames.contains(normalized) { return true }
        return sensitiveFragments.contains { normalized.contains($0) }
            && !notSensitive.contains(normalized)
    }

    /// `text` with every registered secret value and every credential-shaped
    /// fragment replaced by `***`.
    public static func redact(_ text: String) -> String {
        var result = redactCredentialShapes(text)
        if KnownSecrets.shared.isEmpty { return result }
        for piece in SecretPieces.split(result) where KnownSecrets.shared.contains(piece) {
            result = result.replacing(piece, with: mask)
        }
        return result
    }

    /// Remembers `value` so it is masked wherever it appears later.
    public static func register(_ value: String) {
        KnownSecrets.shared.insert(value)
    }

    /// A URL with the values of sensitive query parameters and any user info masked.
    public static func redactURL(_ url: String) -> String {
        var text = url
        if let schemeEnd = text.firstRange(of: "://"),
            let at = text[schemeEnd.upperBound...].firstIndex(of: "@"),
            !text[schemeEnd.upperBound..<at].contains("/")
        {
            text.replaceSubrange(schemeEnd.upperBound..<at, with: mask)
        }
        guard let question = text.firstIndex(of: "?") else { return redact(text) }
        let query = text[text.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let key = pair[..<equals]
            return isSensitiveKey(String(key)) || sensitiveQueryKeys.contains(key.lowercased()) ? "\(key)=\(mask)" : String(pair)
        }
        return redact(String(text[...question]) + query.joined(separator: "&"))
    }

    // MARK: - Rules

    private static let sensitiveNames: Set<String> = [
        "authorization", "proxyauthorization", "cookie", "setcookie", "password", "passwd", "pwd", "secret",
        "token", "apikey", "xapikey", "apisecret", "accesstoken", "refreshtoken", "idtoken", "clientsecret",
        "codeverifier", "privatekey", "encryptionkey", "sessionid", "signature", "connectionstring", "dsn",
    ]
    private static let sensitiveFragments = ["password", "secret", "token", "apikey", "credential", "privatekey", "cookie"]
    /// Names that contain a fragment above but hold no secret.
    private static let notSensitive: Set<String> = [
        "tokentype", "tokenhint", "tokenurl", "tokenendpoint", "expiresat", "hastoken", "tokenstatus",
        "secretfields", "credentialstype",
    ]
    /// Query parameters that carry secrets under non-obvious names (OAuth codes, signed URLs).
    private static let sensitiveQueryKeys: Set<String> = ["code", "sig", "key", "x-amz-signature"]

    /// Runs for every metadata key of every log line, so ASCII keys skip Unicode properties.
    private static func lettersAndDigitsLowercased(_ key: String) -> String {
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else { return String(key.lowercased().filter { $0.isLetter || $0.isNumber }) }
        let bytes = key.utf8.compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): byte
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
            default: nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func redactCredentialShapes(_ text: String) -> String {
        guard text.contains("earer") || text.contains("asic ") || text.contains("assword=") else { return text }
        var result = ""
        var words = text.split(separator: " ", omittingEmptySubsequences: false)[...]
        while let word = words.popFirst() {
            result += word
            let lowered = word.lowercased()
            if (lowered.hasSuffix("bearer") || lowered.hasSuffix("basic")), let secret = words.first, !secret.isEmpty {
                words.removeFirst()
                result += " " + mask + trailingPunctuation(of: secret)
            }
            if !words.isEmpty { result += " " }
        }
        return result
    }

    private static func trailingPunctuation(of word: Substring) -> String {
        String(word.reversed().prefix { "\"',;)}]".contains($0) }.reversed())
    }
}

/// Splits text and secrets the same way, so a secret is found even when it is
/// glued into a URL, a header or JSON.
enum SecretPieces {
    static let separators: Set<Character> = [" ", "\t", "\n", "\r", "\"", "'", ",", ";", "&", "?", "=", "<", ">", "(", ")", "{", "}", "[", "]", ":", "\\"]
    /// Pieces shorter than this are too common to treat as secrets.
    static let minimumLength = 6

    static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { separators.contains($0) }).map(String.init).filter { $0.count >= minimumLength }
    }
}

/// Secret values seen by this process, bounded so a long-running host does not grow without limit.
final class KnownSecrets: Sendable {
    static let shared = KnownSecrets(capacity: 50_000)

    private let state: Mutex<(values: Set<String>, order: [String])>
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        self.state = Mutex((values: [], order: []))
    }

    var isEmpty: Bool { state.withLock { $0.values.isEmpty } }

    func insert(_ secret: String) {
        let pieces = SecretPieces.split(secret)
        guard !pieces.isEmpty else { return }
        state.withLock { state in
            for piece in pieces where state.values.insert(piece).inserted {
                state.order.append(piece)
            }
            if state.order.count > capacity {
                let evicted = state.order.count - capacity
                for piece in state.order.prefix(evicted) { state.values.remove(piece) }
                state.order.removeFirst(evicted)
            }
        }
    }

    func contains(_ piece: String) -> Bool { state.withLock { $0.values.contains(piece) } }
}
