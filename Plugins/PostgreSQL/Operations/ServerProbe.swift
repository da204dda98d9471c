import ConnectorModel
import ConnectorSDK

/// `probe` with a connection: what the server is and who we are on it.
enum ServerProbe {
    static func run(_ database: Database, _ context: CallContext, methods: [AuthMethod.Kind]) async throws -> ProbeResult {
        do {
            let details = try await database.read(context, facts)
            let version = details["serverVersion"]?.stringValue ?? "?"
            let role = details["role"]?.stringValue ?? "?"
            return ProbeResult(
                status: .ready, message: "PostgreSQL \(version) answers; connected as \(role).", availableAuthMethods: methods,
                details: details)
        } catch let error as ErrorDocument {
            return ProbeResult(unreachable: error, availableAuthMethods: methods)
        }
    }

    private static func facts(_ connection: LibpqConnection) throws -> JSONValue {
        let row = try connection.execute(
            """
            SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS server_version_num,
                   current_database() AS database, pg_database_size(current_database()) AS database_size,
                   current_user AS role, pg_is_in_recovery() AS in_recovery
            """
        ).first
        guard let row else { throw PostgresError(.server, message: "The server returned no probe details.") }
        return [
            "serverVersion": .string(try row.text("server_version")),
            "serverVersionNumber": .number(Double(row.integer("server_version_num") ?? 0)),
            "database": .string(try row.text("database")),
            "databaseSizeBytes": .number(Double(row.integer("database_size") ?? 0)),
            "role": .string(try row.text("role")),
            "inRecovery": .bool(row.flag("in_recovery")),
        ]
    }
}
