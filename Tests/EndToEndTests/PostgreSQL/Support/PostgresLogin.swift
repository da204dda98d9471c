import ConnectorModel
import PostgresTestSupport
import Testing

/// The two ways a client connects PostgreSQL through POST /api/connections.
enum PostgresLogin: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// host, port, database, username, password, sslmode as separate fields.
    case basic
    /// One postgresql:// URI.
    case connectionString = "connection_string"

    var testDescription: String { rawValue }

    /// The request body for `url`, with another password or port when given.
    func body(_ url: PostgresURL, password: String? = nil, port: Int? = nil) -> JSONValue {
        let password = password ?? url.password
        let port = port ?? url.port
        switch self {
        case .basic:
            return [
                "connectorId": "postgresql", "method": "basic", "host": .string(url.host), "port": .string(String(port)),
                "database": .string(url.database), "username": .string(url.user), "password": .string(password), "sslmode": "disable",
            ]
        case .connectionString:
            let uri = "postgresql://\(url.user):\(password)@\(url.host):\(port)/\(url.database)?sslmode=disable"
            return ["connectorId": "postgresql", "method": "connection_string", "connectionString": .string(uri)]
        }
    }
}
