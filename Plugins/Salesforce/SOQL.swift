import ConnectorSDK

/// Builds SOQL text. Nothing a client sends reaches a query unescaped: names
/// must be identifiers, dates are re-formatted from a parsed instant, and every
/// string goes through `quote`.
enum SOQL {
    /// `^[A-Za-z][A-Za-z0-9_]*$`: an sObject or field API name (custom ones end in `__c`).
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLetter(first), name.utf8.count <= 255 else { return false }
        return name.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// `Identifier(.Identifier)*`: a field, or a field reached through relationships (`CreatedBy.Name`).
    static func isFieldPath(_ path: String) -> Bool {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { isIdentifier(String($0)) }
    }

    /// A quoted string literal, escaped as the SOQL reference's "Quoted String
    /// Escape Sequences" table says: `\'`, `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`.
    /// SOQL has no escape for other control characters, so a value holding one is refused.
    static func quote(_ value: String) throws -> String {
        var literal = "'"
        for scalar in value.unicodeScalars {
            switch scalar {
            case "'": literal += "\\'"
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case "\u{08}": literal += "\\b"
            case "\u{0C}": literal += "\\f"
            default:
                guard scalar.value >= 0x20, scalar.value != 0x7F else {
                    throw ErrorDocument(
                        code: ErrorDocument.Code.invalidInput, message: "The value contains a control character that SOQL cannot express.")
                }
                literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "'"
    }

    /// `(field > ts) OR (field = ts AND Id > 'id')`: everything strictly after a
    /// (timestamp, Id) position when ordered by `field, Id`, so equal timestamps are
    /// neither skipped nor repeated.
    static func after(_ field: String, _ timestamp: SalesforceDateTime, id: String) throws -> String {
        let instant = timestamp.soqlLiteral
        return "(\(field) > \(instant)) OR (\(field) = \(instant) AND Id > \(try quote(id)))"
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// One `SELECT … FROM … [WHERE …] ORDER BY … [LIMIT n]` statement.
struct SOQLQuery: Sendable, Equatable {
    var fields: [String]
    var object: String
    /// Conditions joined with AND, each already built from escaped parts.
    var conditions: [String] = []
    var orderBy: [String]
    var limit: Int?

    var text: String {
        var statement = "SELECT \(fields.joined(separator: ", ")) FROM \(object)"
        if !conditions.isEmpty {
            // Parenthesized, because SOQL refuses AND and OR mixed without parentheses.
            let clauses = conditions.count == 1 ? conditions : conditions.map { "(\($0))" }
            statement += " WHERE " + clauses.joined(separator: " AND ")
        }
        statement += " ORDER BY " + orderBy.joined(separator: ", ")
        if let limit { statement += " LIMIT \(limit)" }
        return statement
    }
}
