import PluginRuntime

extension AuditTrail {
    /// Audit record of a change to the set of loaded plugins.
    func record(_ event: PluginEvent) async {
        switch event {
        case .loaded(let id, let version, let file):
            await record("plugin.loaded", target: id, actor: "host", requestId: nil, details: ["version": .string(version), "file": .string(file)])
        case .upgraded(let id, let from, let to, let file):
            await record(
                "plugin.upgraded", target: id, actor: "host", requestId: nil,
                details: ["from": .string(from), "to": .string(to), "file": .string(file)])
        case .removed(let id, let version, let file):
            await record("plugin.removed", target: id, actor: "host", requestId: nil, details: ["version": .string(version), "file": .string(file)])
        case .refused(let file, let refusal):
            await record(
                "plugin.refused", target: file, actor: "host", requestId: nil,
                details: ["stage": .string(refusal.stage.rawValue), "field": .string(refusal.field), "reason": .string(refusal.reason)])
        }
    }
}
