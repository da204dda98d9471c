import ConnectorModel
import Hummingbird
import Store

/// `/api/connectors`: list, describe, configure and probe connectors.
struct ConnectorRoutes {
    let services: AppServices

    func register(on group: RouterGroup<HostRequestContext>) {
        group.get("connectors", use: list)
        group.get("connectors/{id}", use: show)
        group.patch("connectors/{id}", use: update)
        group.post("connectors/{id}/probe", use: probe)
    }

    @Sendable func list(_ request: Request, context: HostRequestContext) async throws -> Envelope<[ConnectorView]> {
        var views: [ConnectorView] = []
        for plugin in services.registry.loaded {
            views.append(ConnectorView(plugin, settings: try await settingsRecord(plugin.id)))
        }
        return Envelope(views)
    }

    @Sendable func show(_ request: Request, context: HostRequestContext) async throws -> Envelope<ConnectorView> {
        let plugin = try services.calls.plugin(try context.parameters.require("id"))
        return Envelope(ConnectorView(plugin, settings: try await settingsRecord(plugin.id)))
    }

    @Sendable func update(_ request: Request, context: HostRequestContext) async throws -> Envelope<ConnectorView> {
        try context.requireAdmin()
        let plugin = try services.calls.plugin(try context.parameters.require("id"))
        let patch = try await request.decodeJSON(ConnectorSettingsPatch.self, context: context)
        let record = try await services.settings.update(plugin, with: patch)
        await services.audit.record(
            "connector.settings_changed", target: plugin.id, actor: context.actor, requestId: context.requestId,
            details: [
                "enabled": .bool(record.enabled),
                "changedSettings": .array((patch.config ?? [:]).keys.sorted().map { .string($0) }),
                "changedEndpoints": .array((patch.endpoints ?? [:]).keys.sorted().map { .string($0) }),
            ])
        return Envelope(ConnectorView(plugin, settings: record))
    }

    @Sendable func probe(_ request: Request, context: HostRequestContext) async throws -> Envelope<ProbeResult> {
        let id = try context.parameters.require("id")
        let result = try await services.calls.call(
            id, .probe, input: NoInput(), tenantId: context.tenantId ?? AuditTrail.hostWide, requestId: context.requestId,
            as: ProbeResult.self)
        return Envelope(result)
    }

    private func settingsRecord(_ id: String) async throws -> ConnectorSettingsRecord {
        do {
            return try await services.settings.record(for: id)
        } catch {
            throw APIError(error)
        }
    }
}
