import AtlassianCloud
import ConnectorSDK

extension ConfluenceConnector: OAuthConnector {
    /// Exchanges the code, finds the Confluence site the grant reaches and who authorized.
    public func exchangeCode(_ exchange: OAuthCodeExchange, _ context: CallContext) async throws -> ConnectionGrant {
        let grant = try await AtlassianGrant.connect(exchange, product: .confluence, context)
        let user = await Self.authorizingUser(ConfluenceAPI(AtlassianClient(context, connection: grant.connection)), context)
        var account: JSONValue?
        if let user, let accountId = user.accountId {
            account = ["accountId": .string(accountId), "displayName": (user.displayName ?? user.publicName).map { .string($0) } ?? .null]
        }
        return ConnectionGrant(
            credentials: grant.credentials, connectionConfig: grant.connectionConfig, account: account,
            displayName: [user?.displayName ?? user?.publicName, grant.site.name].compactMap { $0 }.joined(separator: " @ "))
    }

    /// Refreshes with the rotating refresh token; the new one is in the grant.
    public func refresh(_ context: CallContext) async throws -> ConnectionGrant {
        let credentials = try await AtlassianOAuth.refresh(context)
        return ConnectionGrant(credentials: credentials, connectionConfig: context.connection?.config ?? [:])
    }

    /// Who authorized, best effort: an app without `read:confluence-user` still connects.
    private static func authorizingUser(_ api: ConfluenceAPI, _ context: CallContext) async -> ConfluenceUser? {
        do {
            return try await api.currentUser()
        } catch {
            context.log.warning("Could not read the Confluence user after connecting", ["error": .string((error as? ErrorDocument)?.code ?? "unknown")])
            return nil
        }
    }
}
