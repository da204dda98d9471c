import AtlassianCloud
import ConnectorSDK
import Egress
import Foundation
import Testing

@testable import ConfluenceConnector

/// The browser's part of the 3LO flow: GET the authorization URL as the host
/// builds it from the manifest (with PKCE), and read the code from the redirect.
enum AuthorizationStep {
    static let redirectURI = "https://host.example.com/oauth/callback"

    /// A PKCE verifier (RFC 7636: 43 to 128 unreserved characters).
    static func makeVerifier() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return String((0..<64).map { _ in alphabet.randomElement()! })
    }

    /// Authorizes at `authURL` and returns the code the redirect carries.
    static func code(at authURL: String, clientId: String, verifier: String, scopes: [String]? = nil, egress: EgressClient) async throws -> String {
        let method = try #require(ConfluenceConnector.manifest.authMethod(.oauth2))
        let base = try #require(method.authorizationUrl).replacingOccurrences(of: "{auth}", with: authURL)
        let state = UUID().uuidString
        var components = try #require(URLComponents(string: base))
        components.queryItems = (method.authorizationParams ?? [:]).sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } + [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: clientId),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "scope", value: (scopes ?? method.defaultScopes ?? []).joined(separator: " ")),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "code_challenge", value: Base64URL.encode(SHA256.hash(Array(verifier.utf8)))),
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
