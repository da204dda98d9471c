import ConnectorModel
import Egress
import Foundation
import Hummingbird
import Logging
import PluginRuntime
import ServiceLifecycle
import Store
import StoreSQLite
import TokenEncryption

/// The wired host: the Hummingbird application plus the services behind it,
/// which tests reach into (the registry, the store).
public struct HostApplication: Sendable {
    public let application: Application<RouterResponder<HostRequestContext>>
    let services: AppServices
    /// Every route the router serves, as "METHOD /path/{param}".
    public let routes: [String]

    public var registry: PluginRegistry { services.registry }
    public var store: any HostStore & SyncStore { services.store }

    /// Builds everything, loads the plugins directory once, and returns the
    /// application ready to run. Refuses to start in production without ENCRYPTION_KEY.
    public static func build(
        configuration: HostConfiguration,
        logger: Logger = Logger(label: "connector-host"),
        clock: @escaping @Sendable () -> Int64 = PluginHostServices.systemClock
    ) async throws -> HostApplication {
        let keyring = try EncryptionKeys.keyring(for: configuration, logger: logger)
        let store = try StoreFactory.make(configuration, logger: logger)
        let audit = AuditTrail(store: store, logger: logger)
        let egress = EgressClient(
            configuration: EgressConfiguration(
                defaultTimeout: configuration.httpTimeout, maxAttempts: configuration.httpMaxAttempts,
                retryAfterCap: configuration.httpRetryAfterCap, userAgent: "\(configuration.appName)/\(configuration.appVersion)"),
            logger: logger.component("egress"))
        let settings = ConnectorSettingsService(store: store, keyring: keyring)
        let vault = TokenVault(store: store, keyring: keyring)
        let pluginServices = PluginHostServices(
            egress: egress, logger: logger.component("plugin"), clock: clock,
            saveCredentials: { _, context, credentials in
                guard let connectionId = context.connectionId else { throw APIError.invalidRequest("no connection") }
                try await vault.save(credentials, connectionId: connectionId, tenantId: context.tenantId)
            })
        try FileManager.default.createDirectory(atPath: configuration.pluginsDirectory, withIntermediateDirectories: true)
        let registry = try PluginRegistry(
            directory: configuration.pluginsDirectory, services: pluginServices,
            onEvent: { event in Task { await audit.record(event) } })
        let services = AppServices.make(
            configuration: configuration, registry: registry, store: store, keyring: keyring, egress: egress, audit: audit,
            settings: settings, vault: vault, logger: logger)
        if configuration.authMode == .development {
            logger.warning("AUTH_MODE=development: the API accepts requests without keys and trusts X-Tenant-Id. Never expose this host.")
        }

        let readiness = ReadinessFlag()
        do {
            if configuration.watchPluginsDirectory { try registry.startWatching() }
        } catch {
            // Still serve: the registry then rescans the folder every few seconds.
            logger.warning("the plugins folder is not watched; rescanning it every 2 s instead", metadata: ["reason": .string("\(error)")])
        }
        await registry.rescan()
        readiness.set()

        let router = HostRouter.build(services: services, readiness: readiness)
        let routes = router.routes.map { "\($0.method.rawValue) \($0.path.description)" }.sorted()
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: configuration.appName),
            services: [
                PluginRegistryService(registry: registry, egress: egress),
                SyncJobRunner(
                    store: store, connections: services.connections, connected: services.connected, logger: logger.component("sync"),
                    lease: configuration.syncJobLease, pageSize: configuration.syncPageSize, wakeUp: services.jobsWakeUp),
                WebhookRenewalService(webhooks: services.webhooks, logger: logger.component("webhooks")),
                services.webhookDeliveries,
            ],
            logger: logger)
        return HostApplication(application: application, services: services, routes: routes)
    }
}

/// Follows the plugins directory while the server runs; on shutdown lets
/// in-flight calls finish, shuts plugins down, then stops outbound HTTP.
struct PluginRegistryService: Service {
    let registry: PluginRegistry
    let egress: EgressClient

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await registry.run()
        }
        await registry.shutdown()
        egress.shutdown()
    }
}

extension Logger {
    /// This logger (its handler, level and metadata) tagged with the part of the host that logs.
    func component(_ name: String) -> Logger {
        var logger = self
        logger[metadataKey: "component"] = .string(name)
        return logger
    }
}
