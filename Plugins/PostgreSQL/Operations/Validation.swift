import ConnectorModel
import ConnectorSDK

/// `validate`: log in with a fresh session (never a pooled one, so the
/// credentials are really checked) and see what the role can read. Valid
/// means: the login works, the role has CONNECT, and at least one schema has
/// USAGE and a table or view with SELECT.
enum Validation {
    struct Access: Sendable {
        let role: String
        let database: String
        let serverVersion: String
        let canConnect: Bool
        /// Schemas with USAGE and at least one readable relation, as ids.
        let readableSchemas: [String]
        /// Schemas with USAGE whose relations the role cannot read, as ids.
        let unreadableSchemas: [String]
    }

    static func run(_ database: Database, _ context: CallContext) async throws -> ValidationResult {
        let access: Access
        do {
            access = try await database.read(context, dedicated: true, inspect)
        } catch let error as ErrorDocument {
            return ValidationResult(refused: error)
        }
        let account: JSONValue = ["role": .string(access.role), "database": .string(access.database)]
        let details: JSONValue = [
            "serverVersion": .string(access.serverVersion), "canConnect": .bool(access.canConnect),
            "readableSchemas": .array(access.readableSchemas.map(JSONValue.string)),
            "unreadableSchemas": .array(access.unreadableSchemas.map(JSONValue.string)),
        ]
        let who = "\(access.role) on database \(access.database)"
        guard access.canConnect else {
            return ValidationResult(valid: false, message: "\(who) lacks the CONNECT privilege.", account: account, details: details)
        }
        guard !access.readableSchemas.isEmpty else {
            return ValidationResult(
                valid: false,
                message: "Logged in as \(who), but the role can read no table or view: grant USAGE on a schema and SELECT on its tables.",
                account: account, details: details)
        }
        context.log.info("PostgreSQL credentials validated", ["readableSchemas": .number(Double(access.readableSchemas.count))])
        return ValidationResult(
            valid: true, message: "Logged in as \(who); readable schemas: \(access.readableSchemas.joined(separator: ", ")).",
            account: account, details: details)
    }

    private static func inspect(_ connection: LibpqConnection) throws -> Access {
        let identity = try connection.execute(
            """
            SELECT current_user AS role, current_database() AS database, current_setting('server_version') AS server_version,
                   has_database_privilege(current_database(), 'CONNECT') AS can_connect
            """
        ).first
        let schemas = try connection.execute(
            """
            SELECT quote_ident(n.nspname) AS id,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                           WHERE c.relnamespace = n.oid AND \(Catalog.browsableKinds) AND has_table_privilege(c.oid, 'SELECT')) AS readable
            FROM pg_catalog.pg_namespace n
            WHERE \(Catalog.visibleSchema) AND has_schema_privilege(n.oid, 'USAGE')
            ORDER BY n.nspname
            """
        ).namedRows
        guard let identity else { throw PostgresError(.server, message: "The server returned no session details.") }
        return Access(
            role: try identity.text("role"), database: try identity.text("database"), serverVersion: try identity.text("server_version"),
            canConnect: identity.flag("can_connect"),
            readableSchemas: try schemas.filter { $0.flag("readable") }.map { try $0.text("id") },
            unreadableSchemas: try schemas.filter { !$0.flag("readable") }.map { try $0.text("id") })
    }
}
