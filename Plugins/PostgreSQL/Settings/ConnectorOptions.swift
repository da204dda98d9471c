import ConnectorSDK

/// The operator's settings (`configSchema`) and per-connection overrides, with
/// their defaults. The host checks settings against the schema; the bounds
/// here only keep a hand-made request from asking for nonsense.
struct ConnectorOptions: Sendable, Equatable {
    /// `statement_timeout` of every session.
    var statementTimeoutMs = 15_000
    /// Sessions per connection id.
    var poolSize = 4
    /// Idle sessions are closed after this long.
    var idleTimeoutSeconds = 60
    /// libpq `connect_timeout`.
    var connectTimeoutSeconds = 10
    /// The column incremental sync orders by (connection setting first).
    var syncCursorColumn = "updated_at"
    /// Whether `host` may name a Unix-domain socket directory (off: a tenant
    /// must not reach sockets of the machine the host runs on).
    var allowUnixSockets = false

    init() {}

    init(_ context: CallContext) {
        let config = context.connector.config
        statementTimeoutMs = config["statementTimeoutMs"]?.intValue.map { min(max($0, 1), 600_000) } ?? statementTimeoutMs
        poolSize = config["poolSize"]?.intValue.map { min(max($0, 1), 32) } ?? poolSize
        idleTimeoutSeconds = config["idleTimeoutSeconds"]?.intValue.map { min(max($0, 1), 3600) } ?? idleTimeoutSeconds
        connectTimeoutSeconds = config["connectTimeoutSeconds"]?.intValue.map { min(max($0, 2), 120) } ?? connectTimeoutSeconds
        syncCursorColumn = context.connectionSetting("syncCursorColumn") ?? context.setting("syncCursorColumn") ?? syncCursorColumn
        allowUnixSockets = config["allowUnixSockets"]?.boolValue ?? allowUnixSockets
    }

    /// The session settings these options imply.
    var sessionSetup: SessionSetup { SessionSetup(statementTimeoutMs: statementTimeoutMs) }
}
