import ConnectorModel
import ConnectorSDK

/// PostgreSQL: schemas, tables and views, rows and comments, read-only through libpq.
///
/// - Containers are schemas ("public"); items of a schema are its tables and
///   views ("public.orders"); items of a table are its rows, paged by primary
///   key; comments of a table are its `COMMENT ON` texts. Ids follow SQL
///   identifier syntax (`QualifiedName`). Tables without a primary key (and
///   views) are refused for rows (`RowItems.requireKey`).
/// - Credentials: `basic` (fields in the connection config, password in the
///   credentials) or a `postgresql://` URI in `credentials.secrets`; both
///   checked by `ConnectionPolicy` (network hosts only, no password file).
/// - Every libpq call runs on the plugin's own threads (`SessionDriver`),
///   through a pool per connection id (`ConnectionPool`, decisions in
///   `PoolStateMachine`), each session read-only with a statement timeout.
/// - Failures map to error documents in one place (`ErrorDocument+Postgres`);
///   a statement timeout is `upstream_timeout`.
public struct PostgreSQLConnector: BrowsingConnector, SyncingConnector {
    let pools = ConnectionPools()
    var database: Database { Database(pools: pools) }

    public init() {}

    /// Logs in with a fresh session and checks what the role can read (see `Validation`).
    public func validate(_ context: CallContext) async throws -> ValidationResult {
        try await Validation.run(database, context)
    }

    /// Server facts with a connection; onboarding readiness without one.
    public func probe(_ context: CallContext) async throws -> ProbeResult {
        guard context.connection != nil else { return OnboardingReadiness.probe(Self.manifest, context) }
        return try await ServerProbe.run(database, context, methods: Self.manifest.authMethods.map(\.type))
    }

    /// The schemas the role may use.
    public func containers(_ request: ListRequest, _ context: CallContext) async throws -> Page<Container> {
        try await database.read(context) { try SchemaListing.page(request, on: $0) }
    }

    /// Tables and views of "<schema>", or rows of "<schema>.<table>".
    public func items(_ request: ListRequest, _ context: CallContext) async throws -> Page<Item> {
        guard let containerId = request.containerId else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "items.list needs containerId: a schema, or schema.table for rows.")
        }
        let name = try QualifiedName(parsing: containerId, field: "containerId")
        let options = ConnectorOptions(context)
        return try await database.read(context) { connection in
            name.parts.count == 1
                ? try TableListing.page(name.parts[0], request, on: connection)
                : try RowListing.page(name, request, options, on: connection)
        }
    }

    /// `COMMENT ON` texts of the table "<schema>.<table>" and its columns.
    public func comments(_ request: ListRequest, _ context: CallContext) async throws -> Page<Comment> {
        guard let itemId = request.itemId else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "comments.list needs itemId: a table as schema.table.")
        }
        let name = try QualifiedName(parsing: itemId, field: "itemId")
        return try await database.read(context) { try CommentListing.page(name, request, on: $0) }
    }

    /// One page of a table's rows by the sync cursor column (see `SyncPaging`).
    public func syncPage(_ request: SyncPageRequest, _ context: CallContext) async throws -> SyncPage {
        let options = ConnectorOptions(context)
        return try await database.read(context) { try SyncPaging.page(request, options, on: $0) }
    }

    /// Closes every pooled connection.
    public func shutdown() async {
        await pools.shutdown()
    }
}
