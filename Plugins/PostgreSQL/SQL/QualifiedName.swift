import ConnectorModel

/// A dotted name as clients send it in `containerId` and `itemId`: "schema",
/// "schema.table" or "schema.table.column", each part an identifier in SQL
/// syntax. Quoted parts keep their text ("My.Schema" with `""` for a quote);
/// bare parts fold to lower case, as PostgreSQL folds them. Ids the connector
/// issues come from the server's `quote_ident`, so they parse back exactly.
///
/// The parts are only ever compared with catalog names through bound
/// parameters; SQL text uses the catalog's own names, always quoted.
struct QualifiedName: Equatable, Sendable {
    /// PostgreSQL truncates longer identifiers (NAMEDATALEN - 1 bytes).
    static let maximumPartLength = 63

    let parts: [String]

    init(parts: [String]) {
        self.parts = parts
    }

    init(parsing text: String, field: String) throws(ErrorDocument) {
        var parts: [String] = []
        var rest = Substring(text)
        while true {
            guard let (part, remainder) = Self.part(rest), !part.isEmpty, part.utf8.count <= Self.maximumPartLength else {
                throw Self.invalid(field)
            }
            parts.append(part)
            guard let dot = remainder.first else { break }
            guard dot == ".", parts.count < 3 else { throw Self.invalid(field) }
            rest = remainder.dropFirst()
        }
        self.parts = parts
    }

    /// Quotes a name for SQL text, always (quote_ident rules: `"` doubled).
    static func quote(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    /// Reads one part; returns it and what follows, or nil when malformed.
    private static func part(_ text: Substring) -> (String, Substring)? {
        guard text.first == "\"" else {
            let end = text.firstIndex(of: ".") ?? text.endIndex
            let bare = text[..<end]
            guard let first = bare.first, first.isLetter || first == "_",
                bare.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" })
            else { return nil }
            return (String(bare.map { $0.isASCII ? Character($0.lowercased()) : $0 }), text[end...])
        }
        var name = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            guard character == "\"" else {
                guard character != "\0" else { return nil }
                name.append(character)
                continue
            }
            guard index < text.endIndex, text[index] == "\"" else { return (name, text[index...]) }
            name.append("\"")
            index = text.index(after: index)
        }
        return nil
    }

    private static func invalid(_ field: String) -> ErrorDocument {
        ErrorDocument(
            code: ErrorDocument.Code.invalidInput,
            message: "\(field) must be schema, schema.table or schema.table.column, each part a SQL identifier (double-quoted when it holds other characters).",
            details: ["field": .string(field)])
    }
}
