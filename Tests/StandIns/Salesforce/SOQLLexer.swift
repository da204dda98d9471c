/// A token of SOQL text.
enum SOQLToken: Equatable {
    /// A keyword or a (possibly dotted) name; keywords are recognised by the parser.
    case word(String)
    /// A quoted string literal, escapes resolved.
    case string(String)
    /// Digits and the characters of an unquoted dateTime literal (`2024-01-01T10:00:00.000Z`).
    case bare(String)
    case symbol(String)
}

/// Why the stand-in refused a query, as Salesforce names it.
public struct SOQLError: Error, Equatable {
    /// `MALFORMED_QUERY`, `INVALID_FIELD`, `INVALID_TYPE`, `INVALID_QUERY_FILTER_OPERATOR`.
    public let errorCode: String
    public let message: String

    static func malformed(_ message: String) -> SOQLError { SOQLError(errorCode: "MALFORMED_QUERY", message: message) }
}

/// Splits SOQL into tokens. String literals accept exactly the escapes of the
/// SOQL reference's "Quoted String Escape Sequences" table; anything else is
/// refused, as Salesforce refuses it.
enum SOQLLexer {
    static func tokens(_ text: String) throws(SOQLError) -> [SOQLToken] {
        var tokens: [SOQLToken] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
            } else if character == "'" {
                tokens.append(.string(try stringLiteral(text, &index)))
            } else if character.isLetter || character == "_" {
                let end = text[index...].firstIndex { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") } ?? text.endIndex
                tokens.append(.word(String(text[index..<end])))
                index = end
            } else if character.isNumber {
                let end = text[index...].firstIndex { !($0.isNumber || "-:.TZ+".contains($0)) } ?? text.endIndex
                tokens.append(.bare(String(text[index..<end])))
                index = end
            } else if let symbol = ["!=", "<>", "<=", ">=", "=", "<", ">", "(", ")", ","].first(where: { text[index...].hasPrefix($0) }) {
                tokens.append(.symbol(symbol))
                index = text.index(index, offsetBy: symbol.count)
            } else {
                throw .malformed("unexpected token: '\(character)'")
            }
        }
        return tokens
    }

    private static func stringLiteral(_ text: String, _ index: inout String.Index) throws(SOQLError) -> String {
        var value = ""
        index = text.index(after: index)
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            switch character {
            case "'":
                return value
            case "\\":
                guard index < text.endIndex else { break }
                let escaped = text[index]
                index = text.index(after: index)
                switch escaped {
                case "'", "\"", "\\": value.append(escaped)
                case "n", "N": value.append("\n")
                case "r", "R": value.append("\r")
                case "t", "T": value.append("\t")
                case "b", "B": value.append("\u{08}")
                case "f", "F": value.append("\u{0C}")
                case "_", "%": value += "\\\(escaped)"
                default: throw .malformed("Invalid string literal '\\\(escaped)'. Illegal character sequence '\\\(escaped)' in string literal.")
                }
            default:
                value.append(character)
            }
        }
        throw .malformed("unterminated string literal")
    }
}
