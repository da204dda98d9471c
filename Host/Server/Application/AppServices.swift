import Egress
import Logging
import PluginRuntime
import Store
import TokenEncryption

/// Everything route handlers use, built once at start-up (see `make`).
struct AppServices: Sendable {
    let configuration: HostConfiguration
    let registry: PluginRegistry
    let store: any HostStore & SyncStore
    let keyring: FernetKeyring
    let egress: EgressClient
    let metrics: HostMetrics
    let logger: Logger
    let audit: AuditTrail
    let settings: ConnectorSettingsService
    let vault: TokenVault
    let calls: ConnectorCalls
    let connections: ConnectionService
    let credentials: CredentialsProvider
    let connected: ConnectedCalls
    let connectionActions: ConnectionActions
    let oauth: OAuthFlow
    let credentialFlow: CredentialFlow
    let authenticator: APIKeyAuthenticator
    /// Wakes the sync job runner when a job is queued.
    let jobsWakeUp: WakeUpSignal
    let webhooks: WebhookService
    /// Attempts the deliveries `webhooks` puts in the outbox.
    let webhookDeliveries: WebhookDeliveryService

    static func make(
        configuration: HostConfiguration, registry: PluginRegistry, store: any HostStore & SyncStore, keyring: FernetKeyring, egress: EgressClient,
        audit: AuditTrail, settings: ConnectorSettingsService, vault: TokenVault, logger: Logger
    ) -> AppServices {
        let metrics = HostMetrics.shared
        let calls = ConnectorCalls(
            registry: registry, settings: settings, metrics: metrics, timeout: configuration.pluginCallTimeout, logger: logger)
        let connections = ConnectionService(store: store, vault: vault, audit: audit)
        let credentials = CredentialsProvider(
            vault: vault, connections: connections, calls: calls, audit: audit, margin: configuration.tokenRefreshMargin)
        let connected = ConnectedCalls(calls: calls, credentials: credentials, connections: connections)
        let deliveriesWakeUp = WakeUpSignal()
        let webhooks = WebhookService(
            store: store, keyring: keyring, calls: calls, connected: connected, connections: connections, deliveriesWakeUp: deliveriesWakeUp,
            inboundBase: configuration.publicBaseURL, apiPrefix: configuration.apiPrefix)
        let webhookDeliveries = WebhookDeliveryService(
            store: store, forwarder: WebhookForwarder(egress: egress, keyring: keyring), audit: audit, logger: logger.component("webhooks"),
            backoff: configuration.webhookRetryBackoff, wakeUp: deliveriesWakeUp)
        return AppServices(
            configuration: configuration, registry: registry, store: store, keyring: keyring, egress: egress, metrics: metrics,
            logger: logger, audit: audit, settings: settings, vault: vault, calls: calls, connections: connections,
            credentials: credentials, connected: connected,
            connectionActions: ConnectionActions(
                connections: connections, connected: connected, calls: calls, vault: vault, audit: audit, webhooks: webhooks),
            oauth: OAuthFlow(
                store: store, keyring: keyring, settings: settings, connections: connections, calls: calls,
                lifetime: configuration.oauthStateLifetime),
            credentialFlow: CredentialFlow(calls: calls, connections: connections),
            authenticator: APIKeyAuthenticator(store: store, adminKey: configuration.adminAPIKey),
            jobsWakeUp: WakeUpSignal(),
            webhooks: webhooks,
            webhookDeliveries: webhookDeliveries)
    }
}
