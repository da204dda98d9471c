import ConnectorSDK

extension PostgreSQLConnector {
    /// Who the connector is; `operations` is filled in by the SDK.
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
                "statementTimeoutMs": ["type": "integer", "minimum": 100, "maximum": 600_000, "description": "Per-statement timeout (default 15000)."],
                "poolSize": ["type": "integer", "minimum": 1, "maximum": 32, "description": "Connections per connection id (default 4)."],
                "idleTimeoutSeconds": [
                    "type": "integer", "minimum": 1, "maximum": 3600, "description": "Idle pooled connections are closed after this long (default 60).",
                ],
                "connectTimeoutSeconds": ["type": "integer", "minimum": 2, "maximum": 120, "description": "Connection timeout (default 10)."],
                "syncCursorColumn": [
                    "type": "string", "minLength": 1, "maxLength": 63,
                    "description": "Column incremental sync orders by, the primary key breaking ties (default updated_at); a connection may override it.",
                ],
                "allowUnixSockets": [
                    "type": "boolean", "description": "Let connections name a Unix-domain socket directory as host (default false).",
                ],
            ],
        ],
        operations: [],
        capabilities: [
            "webhooks": ["supported": false, "reason": "Databases do not push events over HTTP.", "alternative": "incremental_sync"],
            "sync": ["streams": ["items"], "cursor": "syncCursorColumn with primary key tie-breaker", "deletions": false],
        ])
}
