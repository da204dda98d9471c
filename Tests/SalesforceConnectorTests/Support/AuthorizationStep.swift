import ConnectorSDK
import Egress
import Foundation
import StandIns
import Testing

@testable import SalesforceConnector

/// The browser's part of the web server flow: GET the authorization URL the way
/// the host builds it from the manifest, and read the code from the redirect.
enum AuthorizationStep {
    static let redirectURI = "https://host.example.com/oauth/callback"

    /// A PKCE verifier (RFC 7636: 43 to 128 unreserved characters).
    static func makeVerifier() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return String((0..<64).map { _ in alphabet.randomElement()! })
    }

    /// Authorizes at `loginURL` and returns the code the redirect carries.
    static func code(at loginURL: String, clientId: String, verifier: String, egress: EgressClient) async throws -> String {
        let method = try #require(SalesforceConnector.manifest.authMethod(.oauth2))
        let base = try #require(method.authorizationUrl).replacingOccurrences(of: "{login}", with: loginURL)
        let state = UUID().uuidString
        var components = try #require(URLComponents(string: base))
        components.queryItems = [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: clientId),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "scope", value: (method.defaultScopes ?? []).joined(separator: " ")),
            URLQueryItem(name: "state", value: state), URLQueryItem(name: "code_challenge", value: SalesforceCrypto.pkceChallenge(verifier)),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        let response = try await egress.send(EgressRequest(url: try #require(components.url?.absoluteString)))
        #expect(response.status == 302)
        let location = try #require(response.header("location").flatMap { URLComponents(string: $0) })
        #expect(location.queryItems?.first { $0.name == "state" }?.value == state)
        return try #require(location.queryItems?.first { $0.name == "code" }?.value)
    }
}
