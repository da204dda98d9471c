import ConnectorSDK

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON Web Token (RFC 7519) signed with HMAC-SHA-256, checked against a
/// shared secret: what Jira puts in `Authorization: Bearer` on webhook
/// deliveries to OAuth 2.0 apps, signed with the app's client secret.
public struct HS256Token: Sendable {
    /// The decoded claims.
    public let claims: [String: JSONValue]

    /// Why a token was refused; the text never contains the token or the secret.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Checks the signature in constant time, then `exp` and `nbf` when
    /// present, allowing `leeway` seconds of clock skew.
    public static func verify(_ token: String, secret: String, now: Date, leeway: TimeInterval = 30) throws(Refusal) -> HS256Token {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw Refusal(description: "the token is not a compact JWS (three dot-separated parts)") }
        guard let headerBytes = Base64URL.decode(parts[0]), let header = try? WireCoding.decode([String: JSONValue].self, from: headerBytes) else {
            throw Refusal(description: "the token header is not base64url JSON")
        }
        // Only HS256: accepting the header's word for the algorithm ("none", RS256 with the secret as a key) is the classic JWT forgery.
        guard header["alg"]?.stringValue == "HS256" else { throw Refusal(description: "the token is not signed with HS256") }
        guard let signature = Base64URL.decode(parts[2]) else { throw Refusal(description: "the token signature is not base64url") }
        let expected = HMACSHA256.authenticationCode(for: Array("\(parts[0]).\(parts[1])".utf8), key: Array(secret.utf8))
        guard HMACSHA256.constantTimeEquals(expected, signature) else { throw Refusal(description: "the token signature does not match") }
        guard let payloadBytes = Base64URL.decode(parts[1]), let claims = try? WireCoding.decode([String: JSONValue].self, from: payloadBytes) else {
            throw Refusal(description: "the token claims are not base64url JSON")
        }
        let seconds = now.timeIntervalSince1970
        if let expiry = claims["exp"] {
            guard let exp = expiry.numberValue else { throw Refusal(description: "the token's exp claim is not a number") }
            guard seconds < exp + leeway else { throw Refusal(description: "the token expired") }
        }
        if let notBefore = claims["nbf"] {
            guard let nbf = notBefore.numberValue else { throw Refusal(description: "the token's nbf claim is not a number") }
            guard seconds + leeway >= nbf else { throw Refusal(description: "the token is not valid yet") }
        }
        return HS256Token(claims: claims)
    }
}
