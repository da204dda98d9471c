import ConnectorModel
import PostgresTestSupport

/// The two ways a client connects PostgreSQL, as the host passes them:
/// non-secret fields in the connection's config, secrets in its credentials.
enum CredentialForm: CaseIterable, Sendable {
    /// host, port, database, sslmode in config; username and password in
    /// credentials; every field a string (as the host's onboarding stores them).
    case basic
    /// A postgresql:// URI in `credentials.secrets["connectionString"]`.
    case connectionString

    func connection(_ url: PostgresURL, password: String? = nil, port: Int? = nil) -> ConnectionContext {
        let password = password ?? url.password
        let port = port ?? url.port
        switch self {
        case .basic:
            return ConnectionContext(
                config: ["host": .string(url.host), "port": .string(String(port)), "database": .string(url.database), "sslmode": "disable"],
                credentials: Credentials(type: .basic, username: url.user, password: password))
        case .connectionString:
            let uri = "postgresql://\(url.user):\(password)@\(url.host):\(port)/\(url.database)?sslmode=disable"
            return ConnectionContext(credentials: Credentials(type: .connectionString, secrets: ["connectionString": uri]))
        }
    }
}
