import ConnectorModel

/// A keyset-paged `SELECT` over one table. SQL text is assembled only from
/// catalog names (quoted) and constants; every value a client can influence
/// (cursor positions, filters, the page size) is a bound parameter typed with
/// its column's type OID.
struct RowSelect {
    let table: TableInfo
    /// Rows come in this order; `after` resumes past a row in it.
    let order: [ColumnInfo]
    private(set) var parameters: [String?] = []
    private(set) var types: [UInt32] = []
    private var conditions: [String] = []

    init(table: TableInfo, order: [ColumnInfo]) {
        self.table = table
        self.order = order
    }

    /// Adds `value` as a parameter of type `type`; returns its placeholder.
    mutating func bind(_ value: String, as type: UInt32) -> String {
        parameters.append(value)
        types.append(type)
        return "$\(parameters.count)"
    }

    /// Adds a condition built from quoted names and placeholders.
    mutating func filter(_ condition: String) {
        conditions.append(condition)
    }

    /// Only rows after `values` (one per `order` column, as text) in keyset
    /// order: `(a, b) > ($1, $2)` compares like `ORDER BY a, b`.
    mutating func after(_ values: [String]) throws {
        guard values.count == order.count else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The cursor does not fit this table's key.")
        }
        let placeholders = zip(order, values).map { column, value in bind(value, as: column.typeOID) }
        let columns = order.map(\.sql).joined(separator: ", ")
        filter(order.count == 1 ? "\(columns) > \(placeholders[0])" : "(\(columns)) > (\(placeholders.joined(separator: ", ")))")
    }

    /// The statement: the row as JSON, the `order` values as text
    /// (`order_1`...), the extra expressions, at most `limit` rows.
    mutating func sql(selecting extra: [(alias: String, expression: String)], limit: Int) -> String {
        let limitPlaceholder = bind(String(limit), as: PostgresType.int8)
        let keys = order.enumerated().map { "\($1.sql)::text AS order_\($0 + 1)" }
        let columns = ["to_jsonb(r.*) AS row_json"] + keys + extra.map { "\($0.expression) AS \($0.alias)" }
        let conditionText = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return "SELECT \(columns.joined(separator: ", ")) FROM \(table.sql)\(conditionText)"
            + " ORDER BY \(order.map(\.sql).joined(separator: ", ")) LIMIT \(limitPlaceholder)"
    }

    /// The `order` values of a result row, as `after` takes them back.
    func orderValues(_ row: Row) throws -> [String] {
        try order.indices.map { try row.text("order_\($0 + 1)") }
    }
}
