import Hummingbird
import Synchronization

/// `GET /` (health) and `GET /ready` (readiness for load balancers).
struct HealthRoutes {
    let services: AppServices
    /// Set once the first scan of the plugins directory has finished.
    let pluginsScanned: ReadinessFlag

    struct Health: Encodable, Sendable {
        var name: String
        var description: String
        var version: String
        var environment: String
        var status: String
        var plugins: Plugins
        var store: StoreHealth

        struct Plugins: Encodable, Sendable {
            var loaded: Int
            var refused: Int
        }
    }

    struct StoreHealth: Encodable, Sendable {
        var kind: String
        var status: String
        var message: String?
    }

    func register(on router: Router<HostRequestContext>) {
        router.get("/", use: health)
        router.get("/ready", use: ready)
    }

    @Sendable func health(_ request: Request, context: HostRequestContext) async throws -> Envelope<Health> {
        let store = await storeHealth()
        let configuration = services.configuration
        return Envelope(
            Health(
                name: configuration.appName, description: configuration.appDescription, version: configuration.appVersion,
                environment: configuration.environment.rawValue, status: store.status == "up" ? "ok" : "degraded",
                plugins: .init(loaded: services.registry.loaded.count, refused: services.registry.refused.count), store: store))
    }

    @Sendable func ready(_ request: Request, context: HostRequestContext) async throws -> Envelope<StoreHealth> {
        guard pluginsScanned.isSet else {
            throw APIError(.serviceUnavailable, code: "not_ready", "The host is still loading plugins.")
        }
        let store = await storeHealth()
        guard store.status == "up" else {
            throw APIError(.serviceUnavailable, code: "store_unavailable", "The database does not answer: \(store.message ?? "")")
        }
        return Envelope(store)
    }

    private func storeHealth() async -> StoreHealth {
        do {
            try await services.store.ping()
            return StoreHealth(kind: services.store.kind, status: "up")
        } catch {
            return StoreHealth(kind: services.store.kind, status: "down", message: error.message)
        }
    }
}

/// A one-way switch read by readiness checks.
final class ReadinessFlag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
