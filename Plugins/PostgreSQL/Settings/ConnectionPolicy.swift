import ConnectorModel

/// What a tenant's connection may ask libpq for. The host is multi-tenant, so
/// a connection must reach only the server it names over TCP, and never fall
/// back on anything of the machine the host runs on: its Unix sockets
/// (`trust` authentication is common there), `~/.pgpass`, service files,
/// client certificates or `PG*` environment defaults for the password.
enum ConnectionPolicy {
    /// Keywords a connection string may set; anything else is refused by name.
    static let allowedKeywords: Set<String> = [
        "host", "hostaddr", "port", "dbname", "user", "password", "sslmode", "connect_timeout", "application_name",
        "target_session_attrs", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
        "tcp_user_timeout", "channel_binding", "gssencmode", "sslsni", "sslcompression",
    ]
    static let sslModes: Set<String> = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
    /// A path libpq will not find, so it reads no password file.
    static let noPasswordFile = "/nonexistent/ucp-postgresql/no-passfile"

    /// Parses a `postgresql://` URI into `parameters`.
    static func admit(uri: String, into parameters: inout ConnectionParameters) throws(ErrorDocument) {
        guard uri.hasPrefix("postgresql://") || uri.hasPrefix("postgres://"), let entries = ConninfoParser.parse(uri) else {
            throw invalid("The connectionString is not a valid postgresql:// URI.")
        }
        let refused = Set(entries.map(\.keyword)).subtracting(allowedKeywords).sorted()
        guard refused.isEmpty else {
            throw invalid("The connectionString sets \(refused.joined(separator: ", ")), which this connector does not allow.")
        }
        for entry in entries { parameters.set(entry.keyword, entry.value) }
    }

    /// Checks the target and sets what the connector always decides itself.
    static func finish(_ parameters: inout ConnectionParameters, _ options: ConnectorOptions, applicationName: String) throws(ErrorDocument) {
        let hosts = (parameters["host"] ?? "").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !hosts.contains(where: \.isEmpty) || parameters["hostaddr"] != nil else {
            throw ErrorDocument(code: ErrorDocument.Code.notConfigured, message: "The connection names no host.")
        }
        if !options.allowUnixSockets, hosts.contains(where: { $0.hasPrefix("/") || $0.hasPrefix("@") }) {
            throw invalid("The host is a Unix-domain socket path; only network hosts are allowed.")
        }
        if let ports = parameters["port"], ports.split(separator: ",").contains(where: { UInt16($0).map { $0 == 0 } ?? true }) {
            throw invalid("The port must be a number from 1 to 65535.")
        }
        if let sslmode = parameters["sslmode"], !sslModes.contains(sslmode) {
            throw invalid("The sslmode must be one of \(sslModes.sorted().joined(separator: ", ")).")
        }
        if parameters["password"] == nil { parameters.set("password", "") }
        parameters.set("passfile", noPasswordFile)
        parameters.set("connect_timeout", String(options.connectTimeoutSeconds))
        parameters.set("application_name", applicationName)
        parameters.set("client_encoding", "UTF8")
    }

    private static func invalid(_ message: String) -> ErrorDocument {
        ErrorDocument(code: ErrorDocument.Code.invalidInput, message: message)
    }
}
