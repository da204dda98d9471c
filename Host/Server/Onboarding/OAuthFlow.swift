import ConnectorModel
import PluginRuntime
import Store
import TokenEncryption

import struct Foundation.Date

/// OAuth 2.0 authorization code with PKCE (S256). The state and the code
/// verifier live server-side (encrypted, single use, expiring), so a client
/// never needs the verifier and any host sharing the store can finish the flow.
struct OAuthFlow: Sendable {
    let store: any HostStore
    let keyring: FernetKeyring
    let settings: ConnectorSettingsService
    let connections: ConnectionService
    let calls: ConnectorCalls
    let lifetime: Duration

    struct Start: Encodable, Sendable {
        var method = "oauth2"
        var authUrl: String
        var state: String
        var codeChallenge: String
        var codeChallengeMethod = "S256"
        var scopes: [String]
        var expiresAt: Date
    }

    func start(_ plugin: LoadedPlugin, request: ConnectRequest, tenantId: String) async throws(APIError) -> Start {
        guard let method = plugin.manifest.authMethod(.oauth2), let authorizationURL = method.authorizationUrl else {
            throw APIError(.badRequest, code: "auth_method_not_supported", "\(plugin.id) does not connect with oauth2.")
        }
        guard let redirectUri = request.redirectUri, RedirectURI.isAcceptable(redirectUri) else {
            throw APIError.invalidRequest("redirectUri must be an absolute http(s) URL.", details: ["field": "redirectUri"])
        }
        let resolved = try await settings.resolved(for: plugin)
        guard let clientId = resolved.wire.config["clientId"]?.stringValue, !clientId.isEmpty else {
            throw APIError(
                .conflict, code: "not_configured", "Set the \(plugin.id) connector's clientId (PATCH /api/connectors/\(plugin.id)) before OAuth onboarding.")
        }
        let verifier = Digests.randomToken(bytes: 48)
        let challenge = Digests.base64URLUnpadded(Digests.sha256(Array(verifier.utf8)))
        let state = Digests.randomToken(bytes: 32)
        let scopes = request.scopes?.isEmpty == false ? request.scopes! : (method.defaultScopes ?? [])
        let now = Date()
        let session = OAuthSessionRecord(
            state: state, tenantId: tenantId, connectorId: plugin.id, workspaceId: request.workspaceId,
            encryptedCodeVerifier: keyring.encrypt(Array(verifier.utf8)), redirectUri: redirectUri, scopes: scopes,
            csrfTokenHash: request.csrfToken.map(Digests.sha256Hex), connectionConfig: request.connectionConfig ?? [:], createdAt: now,
            expiresAt: now.addingTimeInterval(lifetime.seconds))
        do {
            try await store.insertOAuthSession(session)
        } catch {
            throw APIError(error)
        }
        var query: [(String, String)] = [
            ("response_type", "code"), ("client_id", clientId), ("redirect_uri", redirectUri),
            ("scope", scopes.joined(separator: method.scopeSeparator ?? " ")), ("state", state),
            ("code_challenge", challenge), ("code_challenge_method", "S256"),
        ]
        query += (method.authorizationParams ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let base: String
        do {
            base = try EndpointTemplate.resolve(authorizationURL, endpoints: resolved.wire.endpoints)
        } catch {
            throw APIError(.badGateway, code: "plugin_contract_violation", "\(plugin.id)'s authorizationUrl cannot be resolved: \(error.message)")
        }
        return Start(
            authUrl: base + (base.contains("?") ? "&" : "?") + FormQuery.encode(query), state: state, codeChallenge: challenge,
            scopes: scopes, expiresAt: session.expiresAt)
    }

    /// Checks the state (known, this connector, this tenant, unused, unexpired, CSRF), consumes it,
    /// exchanges the code through the plugin and stores the new connection.
    func complete(
        _ plugin: LoadedPlugin, request: CallbackRequest, tenantId: String, actor: String, requestId: String
    ) async throws(APIError) -> ConnectionRecord {
        guard let state = request.state, let code = request.code, !state.isEmpty, !code.isEmpty else {
            throw APIError.invalidRequest("An OAuth callback needs code and state.", details: ["fields": ["code", "state"]])
        }
        let session = try await checkedSession(state: state, plugin: plugin, tenantId: tenantId, csrfToken: request.csrfToken)
        let consumed: OAuthSessionRecord?
        do {
            consumed = try await store.consumeOAuthSession(state: state, tenantId: tenantId, at: Date())
        } catch {
            throw APIError(error)
        }
        guard consumed != nil else { throw Self.alreadyUsed }
        guard let verifier = try? keyring.decrypt(session.encryptedCodeVerifier) else {
            throw APIError(.internalServerError, code: "oauth_state_undecryptable", "The stored PKCE verifier cannot be decrypted with ENCRYPTION_KEY.")
        }
        let exchange = OAuthCodeExchange(
            code: code, codeVerifier: String(decoding: verifier, as: UTF8.self), redirectUri: session.redirectUri, scopes: session.scopes,
            connectionConfig: session.connectionConfig)
        let grant: ConnectionGrant
        do throws(APIError) {
            grant = try await calls.call(plugin.id, .exchangeOAuthCode, input: exchange, tenantId: tenantId, requestId: requestId, as: ConnectionGrant.self)
        } catch where error.code == "invalid_grant" {
            throw APIError(.badRequest, code: "oauth_code_rejected", "The provider refused the authorization code: \(error.message)")
        }
        var connectionGrant = grant
        connectionGrant.connectionConfig.merge(session.connectionConfig) { fromProvider, _ in fromProvider }
        return try await connections.create(
            tenantId: tenantId, connectorId: plugin.id, workspaceId: request.workspaceId ?? session.workspaceId, authMethod: .oauth2,
            grant: connectionGrant, actor: actor, requestId: requestId)
    }

    private func checkedSession(state: String, plugin: LoadedPlugin, tenantId: String, csrfToken: String?) async throws(APIError) -> OAuthSessionRecord {
        let found: OAuthSessionRecord?
        do {
            found = try await store.oauthSession(state: state)
        } catch {
            throw APIError(error)
        }
        guard let session = found, session.connectorId == plugin.id else {
            throw APIError(.badRequest, code: "oauth_state_unknown", "This state was not issued for \(plugin.id) (or was purged); start again.")
        }
        guard session.tenantId == tenantId else {
            throw APIError(.forbidden, code: "oauth_state_wrong_tenant", "This state was issued to another tenant.")
        }
        guard session.consumedAt == nil else { throw Self.alreadyUsed }
        guard session.expiresAt > Date() else {
            throw APIError(.gone, code: "oauth_state_expired", "This state expired; start the connection again.")
        }
        if let expected = session.csrfTokenHash {
            guard let csrfToken, Digests.constantTimeEqual(Array(Digests.sha256Hex(csrfToken).utf8), Array(expected.utf8)) else {
                throw APIError(.forbidden, code: "csrf_mismatch", "The csrfToken does not match the one sent when the flow started.")
            }
        }
        return session
    }

    static let alreadyUsed = APIError(.conflict, code: "oauth_state_used", "This state was already used; each state completes one connection.")
}

/// Redirect URIs must be absolute http(s) URLs without a fragment (RFC 6749 §3.1.2).
enum RedirectURI {
    static func isAcceptable(_ uri: String) -> Bool {
        (uri.hasPrefix("https://") || uri.hasPrefix("http://")) && !uri.contains("#") && !uri.contains(" ") && uri.count <= 2048
    }
}

/// `a=b&c=d` with RFC 3986 percent-encoding.
enum FormQuery {
    static func encode(_ items: [(String, String)]) -> String {
        items.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (byte < 16 ? "0" : "") + hex
            }
        }
        return result
    }
}
