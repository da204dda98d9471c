import ConnectorModel

/// Lists containers, items and comments in the unified shapes.
public protocol BrowsingConnector: Connector {
    func containers(_ request: ListRequest, _ context: CallContext) async throws -> Page<Container>
    func items(_ request: ListRequest, _ context: CallContext) async throws -> Page<Item>
    func comments(_ request: ListRequest, _ context: CallContext) async throws -> Page<Comment>
}

/// Connects accounts with OAuth 2.0 (authorization code, PKCE); the host builds
/// the authorization URL from the manifest and keeps state and verifier.
public protocol OAuthConnector: Connector {
    /// Trades the authorization code for credentials.
    func exchangeCode(_ exchange: OAuthCodeExchange, _ context: CallContext) async throws -> ConnectionGrant
    /// Trades the refresh token in `context.credentials` for fresh credentials.
    /// Throw `ErrorDocument(code: "invalid_grant", ...)` when the provider refuses it.
    func refresh(_ context: CallContext) async throws -> ConnectionGrant
}

/// Revokes credentials at the provider.
public protocol RevocableConnector: Connector {
    func revoke(_ context: CallContext) async throws -> RevocationResult
}

/// Registers provider webhooks and verifies their deliveries.
public protocol WebhookConnector: Connector {
    func subscribe(_ request: WebhookSubscribeRequest, _ context: CallContext) async throws -> WebhookSubscription
    func unsubscribe(_ request: WebhookUnsubscribeRequest, _ context: CallContext) async throws -> WebhookSubscription
    /// Checks a delivery the way the provider signs it and normalizes its events.
    func verify(_ delivery: WebhookDelivery, _ context: CallContext) async throws -> WebhookVerification
}

/// Webhooks whose provider registrations expire (Jira: after 30 days) and can be extended.
public protocol RenewableWebhookConnector: WebhookConnector {
    /// Extends the registrations; returns the new expiry.
    func renew(_ request: WebhookUnsubscribeRequest, _ context: CallContext) async throws -> WebhookSubscription
}

/// Feeds sync jobs one page of changes at a time.
public protocol SyncingConnector: Connector {
    func syncPage(_ request: SyncPageRequest, _ context: CallContext) async throws -> SyncPage
}

extension Capabilities {
    static let browsing: Registration = { connector, table in
        guard let connector = connector as? any BrowsingConnector else { return }
        table.add(.listContainers, ListRequest.self) { request, context in try await connector.containers(request, context) }
        table.add(.listItems, ListRequest.self) { request, context in try await connector.items(request, context) }
        table.add(.listComments, ListRequest.self) { request, context in try await connector.comments(request, context) }
    }

    static let oauth: Registration = { connector, table in
        guard let connector = connector as? any OAuthConnector else { return }
        table.add(.exchangeOAuthCode, OAuthCodeExchange.self) { exchange, context in try await connector.exchangeCode(exchange, context) }
        table.add(.refreshOAuthToken, NoInput.self) { _, context in try await connector.refresh(context) }
    }

    static let revocation: Registration = { connector, table in
        guard let connector = connector as? any RevocableConnector else { return }
        table.add(.revoke, NoInput.self) { _, context in try await connector.revoke(context) }
    }

    static let webhooks: Registration = { connector, table in
        guard let connector = connector as? any WebhookConnector else { return }
        table.add(.subscribeWebhook, WebhookSubscribeRequest.self) { request, context in try await connector.subscribe(request, context) }
        table.add(.unsubscribeWebhook, WebhookUnsubscribeRequest.self) { request, context in try await connector.unsubscribe(request, context) }
        table.add(.verifyWebhook, WebhookDelivery.self) { delivery, context in try await connector.verify(delivery, context) }
    }

    static let renewableWebhooks: Registration = { connector, table in
        guard let connector = connector as? any RenewableWebhookConnector else { return }
        table.add(.renewWebhook, WebhookUnsubscribeRequest.self) { request, context in try await connector.renew(request, context) }
    }

    static let syncing: Registration = { connector, table in
        guard let connector = connector as? any SyncingConnector else { return }
        table.add(.syncPage, SyncPageRequest.self) { request, context in try await connector.syncPage(request, context) }
    }
}
