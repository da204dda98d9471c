import Hummingbird
import PluginRuntime

/// `/api/plugins`: what is loaded, what was refused and why; rescan on demand.
struct PluginRoutes {
    let services: AppServices

    struct Listing: Encodable, Sendable {
        var directory: String
        var loaded: [PluginView]
        var refused: [RefusedPluginView]
    }

    struct ReloadResult: Encodable, Sendable {
        var changes: Changes
        var plugins: Listing

        struct Changes: Encodable, Sendable {
            var loaded: [String]
            var upgraded: [String]
            var removed: [String]
            var refused: [String]
        }
    }

    func register(on group: RouterGroup<HostRequestContext>) {
        group.get("plugins", use: list)
        group.post("plugins/reload", use: reload)
    }

    @Sendable func list(_ request: Request, context: HostRequestContext) async throws -> Envelope<Listing> {
        Envelope(listing)
    }

    @Sendable func reload(_ request: Request, context: HostRequestContext) async throws -> Envelope<ReloadResult> {
        try context.requireAdmin()
        let report = await services.registry.rescan()
        await services.audit.record(
            "plugins.reloaded", target: services.registry.directory, actor: context.actor, requestId: context.requestId,
            details: ["loaded": .number(Double(report.loaded.count)), "refused": .number(Double(report.refused.count))])
        return Envelope(
            ReloadResult(
                changes: .init(loaded: report.loaded, upgraded: report.upgraded, removed: report.removed, refused: report.refused),
                plugins: listing))
    }

    private var listing: Listing {
        Listing(
            directory: services.registry.directory, loaded: services.registry.loaded.map(PluginView.init),
            refused: services.registry.refused.map(RefusedPluginView.init))
    }
}
