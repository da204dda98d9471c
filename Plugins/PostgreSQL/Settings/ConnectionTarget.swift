import ConnectorModel
import ConnectorSDK

/// Turns a call's connection into libpq parameters. Two forms:
/// - `basic`: host, port, database, sslmode in the connection's config, the
///   username and password in `credentials` (where the host's onboarding puts
///   them; a username in the config is accepted too);
/// - `connection_string`: a `postgresql://` URI in
///   `credentials.secrets["connectionString"]`.
/// Both go through `ConnectionPolicy` before libpq sees them.
enum ConnectionTarget {
    static func parameters(_ context: CallContext, _ options: ConnectorOptions) throws(ErrorDocument) -> ConnectionParameters {
        guard let connection = context.connection else {
            throw ErrorDocument(
                code: ErrorDocument.Code.notConfigured, message: "This operation needs a connection: host, database, user and password.")
        }
        var parameters = ConnectionParameters()
        if let uri = connection.credentials?.secrets?["connectionString"], !uri.isEmpty {
            try ConnectionPolicy.admit(uri: uri, into: &parameters)
        } else {
            try basic(connection, into: &parameters)
        }
        try ConnectionPolicy.finish(&parameters, options, applicationName: applicationName(context.connectionId))
        return parameters
    }

    private static func basic(_ connection: ConnectionContext, into parameters: inout ConnectionParameters) throws(ErrorDocument) {
        func text(_ key: String) -> String? {
            switch connection.config[key] {
            case .string(let value) where !value.isEmpty: value
            case .number(let value) where Int(exactly: value) != nil: String(Int(value))
            default: nil
            }
        }
        let user = connection.credentials?.username.flatMap { $0.isEmpty ? nil : $0 } ?? text("username")
        let missing = [("host", text("host")), ("database", text("database")), ("username", user)].filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            throw ErrorDocument(
                code: ErrorDocument.Code.notConfigured,
                message: "The connection lacks \(missing.joined(separator: ", ")); send them, or a connectionString.",
                details: ["missing": .array(missing.map { .string($0) })])
        }
        parameters.set("host", text("host")!)
        if let port = text("port") { parameters.set("port", port) }
        parameters.set("dbname", text("database")!)
        parameters.set("user", user!)
        if let password = connection.credentials?.password { parameters.set("password", password) }
        if let sslmode = text("sslmode") { parameters.set("sslmode", sslmode) }
    }

    /// "ucp-postgresql/<connection id>", so operators (and tests) can tell the
    /// plugin's sessions apart in `pg_stat_activity`. ASCII only, 63 bytes
    /// at most (PostgreSQL truncates longer names).
    static func applicationName(_ connectionId: String?) -> String {
        let name = "ucp-postgresql" + (connectionId.map { "/" + $0 } ?? "")
        return String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 }.prefix(63)))
    }
}
