/// A column as the catalog describes it.
struct ColumnInfo: Sendable, Equatable {
    let name: String
    /// The type's OID, used to bind values of this column as parameters.
    let typeOID: UInt32
    /// `format_type`, e.g. "character varying(40)".
    let typeName: String
    let notNull: Bool
    /// 1-based position in the primary key, when part of it.
    let primaryKeyPosition: Int?

    /// The column in SQL text: the row alias `r` and the quoted name.
    var sql: String { "r." + QualifiedName.quote(name) }

    /// Whether the type is a date or time stamp (rendered as RFC 3339).
    var isTemporal: Bool { [PostgresType.timestamptz, PostgresType.timestamp, PostgresType.date].contains(typeOID) }

    /// Whether values read as text (candidates for an item's title).
    var isTextual: Bool {
        [PostgresType.text, PostgresType.varchar, PostgresType.bpchar, PostgresType.name].contains(typeOID) || typeName == "citext"
    }

    /// The value as RFC 3339 UTC text (the session's TimeZone is UTC, so a
    /// timestamp without time zone is read as UTC).
    var rfc3339SQL: String {
        #"to_char(\#(sql)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"#
    }
}

/// Built-in type OIDs the connector cares about (fixed in `pg_type.dat`).
enum PostgresType {
    static let name: UInt32 = 19
    static let int8: UInt32 = 20
    static let text: UInt32 = 25
    static let bpchar: UInt32 = 1042
    static let varchar: UInt32 = 1043
    static let date: UInt32 = 1082
    static let timestamp: UInt32 = 1114
    static let timestamptz: UInt32 = 1184
}

/// A table, view or materialized view, resolved through the catalog.
struct TableInfo: Sendable, Equatable {
    let oid: UInt32
    let schema: String
    let name: String
    /// `quote_ident(schema) || '.' || quote_ident(name)`: the id clients use.
    let id: String
    /// "table", "view", "materialized_view" or "foreign_table".
    let kind: String
    let columns: [ColumnInfo]

    /// The primary key's columns in key order; empty when there is none.
    var primaryKey: [ColumnInfo] {
        columns.filter { $0.primaryKeyPosition != nil }.sorted { $0.primaryKeyPosition! < $1.primaryKeyPosition! }
    }

    /// The table in SQL text, aliased `r`.
    var sql: String { QualifiedName.quote(schema) + "." + QualifiedName.quote(name) + " AS r" }

    func column(_ name: String) -> ColumnInfo? { columns.first { $0.name == name } }

    /// The column that names a row: a textual name/title-like column, else the
    /// first textual column outside the key.
    var titleColumn: ColumnInfo? {
        let textual = columns.filter(\.isTextual)
        for preferred in ["name", "title", "display_name", "label", "subject"] {
            if let column = textual.first(where: { $0.name.lowercased() == preferred }) { return column }
        }
        return textual.first { $0.primaryKeyPosition == nil }
    }

    /// The kind for a `pg_class.relkind`.
    static func kind(_ relkind: String) -> String {
        switch relkind {
        case "v": "view"
        case "m": "materialized_view"
        case "f": "foreign_table"
        default: "table"
        }
    }
}
