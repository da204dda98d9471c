/// The rows of one statement, copied out of libpq's `PGresult` in text format
/// so the result outlives the C memory and can cross threads.
struct QueryResult: Sendable, Equatable {
    /// Column names in the order of the select list.
    let columns: [String]
    /// Each row's values as text; `nil` is SQL NULL.
    let rows: [[String?]]

    /// The rows as `Row`s, for lookups by column name.
    var namedRows: [Row] {
        let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return rows.map { Row(values: $0, index: index) }
    }

    /// The first row, when the statement returned any.
    var first: Row? { namedRows.first }
}

/// One row of a `QueryResult`, addressed by column name.
struct Row: Sendable, Equatable {
    let values: [String?]
    let index: [String: Int]

    /// The text value of `column`; `nil` for SQL NULL or an unknown column.
    subscript(_ column: String) -> String? {
        guard let position = index[column] else { return nil }
        return values[position]
    }

    /// `column` as text, or a `PostgresError` when the server returned NULL where the query guarantees a value.
    func text(_ column: String) throws -> String {
        guard let value = self[column] else {
            throw PostgresError(.server, message: "The server returned no value for \(column).")
        }
        return value
    }

    /// A boolean column (`t` / `f` in text format).
    func flag(_ column: String) -> Bool { self[column] == "t" }

    /// An integer column, when not NULL.
    func integer(_ column: String) -> Int? { self[column].flatMap { Int($0) } }
}
