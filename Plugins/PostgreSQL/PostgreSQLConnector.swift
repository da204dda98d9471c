import ConnectorSDK

/// PostgreSQL: schemas, tables and views, rows and comments, read-only through libpq.
public struct PostgreSQLConnector: Connector {
    public init() {}

    public static let manifest = Manifest(
        id: "postgresql", displayName: "PostgreSQL", version: "0.1.0",
        description: "PostgreSQL schemas, tables, views, rows (keyset paging) and COMMENT ON text, read-only, through libpq.",
        authMethods: [
            .fields(
                .basic,
                [
                    .init(name: "host", label: "Host"),
                    .init(name: "port", label: "Port", required: false),
                    .init(name: "database", label: "Database"),
                    .init(name: "username", label: "User"),
                    .init(name: "password", label: "Password", secret: true),
                    .init(name: "sslmode", label: "SSL mode", required: false, description: "disable, prefer, require, verify-ca or verify-full"),
                ],
                hint: "Send host, port, database, username, password and sslmode."),
            .fields(
                .connectionString,
                [.init(name: "connectionString", label: "Connection URI", secret: true, description: "postgresql://user:password@host:5432/db")],
                hint: "Send connectionString, a postgresql:// URI."),
        ],
        configSchema: [
            "type": "object",
            "additionalProperties": false,
            "properties": [
                "statementTimeoutMs": ["type": "integer", "minimum": 100, "maximum": 600_000, "description": "Per-statement timeout."],
                "poolSize": ["type": "integer", "minimum": 1, "maximum": 32, "description": "Connections per connection id."],
            ],
        ],
        operations: [],
        capabilities: ["webhooks": ["supported": false, "reason": "Databases do not push events over HTTP.", "alternative": "incremental_sync"]])

    public func validate(_ context: CallContext) async throws -> ValidationResult {
        ValidationResult(valid: false, message: "Validating PostgreSQL credentials is not implemented in this build of the connector.")
    }

    public func probe(_ context: CallContext) async throws -> ProbeResult {
        OnboardingReadiness.probe(Self.manifest, context)
    }
}
