/// Something that happened to the set of loaded plugins, for audit logs and metrics.
public enum PluginEvent: Sendable {
    case loaded(id: String, version: String, file: String)
    case upgraded(id: String, from: String, to: String, file: String)
    case removed(id: String, version: String, file: String)
    case refused(file: String, refusal: PluginRefusal)
}

/// What one rescan of the plugins directory changed.
public struct RescanReport: Sendable, Equatable {
    public var loaded: [String] = []
    public var upgraded: [String] = []
    public var removed: [String] = []
    public var refused: [String] = []
    public var unchanged: [String] = []

    public init() {}
}
