import ConnectorModel
import Egress
import Foundation
import Testing
import TokenEncryption

/// The browser's part of an OAuth authorization-code flow: GET the
/// authorization URL built from a connector's manifest the way the host builds
/// it (PKCE S256), and read the code from the provider's redirect.
public enum OAuthBrowser {
    public static let redirectURI = "https://host.example.com/oauth/callback"

    /// A PKCE verifier (RFC 7636: 43 to 128 unreserved characters).
    public static func makeVerifier() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return String((0..<64).map { _ in alphabet.randomElement()! })
    }

    /// Authorizes at the manifest's authorization URL, its `{endpoint}`
    /// resolved with `endpoints`, and returns the code the redirect carries.
    public static func code(
        for manifest: Manifest, endpoints: [String: String], clientId: String, verifier: String, scopes: [String]? = nil,
        egress: EgressClient
    ) async throws -> String {
        let method = try #require(manifest.authMethod(.oauth2))
        var base = try #require(method.authorizationUrl)
        for (name, url) in endpoints { base = base.replacingOccurrences(of: "{\(name)}", with: url) }
        let state = UUID().uuidString
        var components = try #require(URLComponents(string: base))
        components.queryItems = (method.authorizationParams ?? [:]).sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } + [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: clientId),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "scope", value: (scopes ?? method.defaultScopes ?? []).joined(separator: method.scopeSeparator ?? " ")),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "code_challenge", value: Digests.base64URLUnpadded(Digests.sha256(Array(verifier.utf8)))),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        // URLComponents leaves "+" alone in queries, where a server reads it as a space.
        let url = try #require(components.url?.absoluteString).replacingOccurrences(of: "+", with: "%2B")
        let response = try await egress.send(EgressRequest(url: url))
        #expect(response.status == 302)
        let location = try #require(response.header("location").flatMap { URLComponents(string: $0) })
        #expect(location.queryItems?.first { $0.name == "state" }?.value == state)
        return try #require(location.queryItems?.first { $0.name == "code" }?.value)
    }
}
