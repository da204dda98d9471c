/// A parsed `SELECT fields FROM object [WHERE ...] [ORDER BY ...] [LIMIT n]`:
/// the subset of SOQL the stand-in answers.
public struct SOQLStatement: Equatable, Sendable {
    public struct Ordering: Equatable, Sendable {
        public let field: String
        public let descending: Bool
    }

    public let fields: [String]
    public let object: String
    public let condition: SOQLCondition?
    public let orderBy: [Ordering]
    public let limit: Int?
}

/// A WHERE condition.
public indirect enum SOQLCondition: Equatable, Sendable {
    case comparison(field: String, operator: String, value: SOQLLiteral)
    case all([SOQLCondition])
    case any([SOQLCondition])
}

/// A value on the right of a comparison.
public enum SOQLLiteral: Equatable, Sendable {
    case string(String)
    /// Milliseconds since 1970; SOQL writes these unquoted.
    case dateTime(Int64)
    case integer(Int)
    case boolean(Bool)
    case null
}

/// Parses the stand-in's SOQL subset. Anything outside it, or malformed, is a
/// `MALFORMED_QUERY` like Salesforce's, so a connector that failed to escape a
/// value shows up as a refused query rather than a silently different one.
public enum SOQLParser {
    public static func parse(_ text: String) throws(SOQLError) -> SOQLStatement {
        var parser = Parser(tokens: try SOQLLexer.tokens(text))
        return try parser.statement()
    }

    private struct Parser {
        let tokens: [SOQLToken]
        var index = 0

        mutating func statement() throws(SOQLError) -> SOQLStatement {
            try keyword("SELECT")
            var fields = [try name()]
            while accept(.symbol(",")) { fields.append(try name()) }
            try keyword("FROM")
            let object = try name()
            let condition = acceptKeyword("WHERE") ? try conditionList() : nil
            var orderBy: [SOQLStatement.Ordering] = []
            if acceptKeyword("ORDER") {
                try keyword("BY")
                repeat {
                    let field = try name()
                    let descending = acceptKeyword("DESC")
                    if !descending { _ = acceptKeyword("ASC") }
                    if acceptKeyword("NULLS"), !(acceptKeyword("FIRST") || acceptKeyword("LAST")) { throw unexpected() }
                    orderBy.append(.init(field: field, descending: descending))
                } while accept(.symbol(","))
            }
            var limit: Int?
            if acceptKeyword("LIMIT") {
                guard case .bare(let digits) = next(), let value = Int(digits), value >= 0 else { throw unexpected(at: index - 1) }
                limit = value
            }
            guard index == tokens.count else { throw unexpected() }
            return SOQLStatement(fields: fields, object: object, condition: condition, orderBy: orderBy, limit: limit)
        }

        /// Conditions joined by one kind of operator: SOQL refuses AND and OR mixed without parentheses.
        mutating func conditionList() throws(SOQLError) -> SOQLCondition {
            let first = try simpleCondition()
            guard let joiner = ["AND", "OR"].first(where: { peekKeyword($0) }) else { return first }
            var conditions = [first]
            while acceptKeyword(joiner) { conditions.append(try simpleCondition()) }
            if peekKeyword(joiner == "AND" ? "OR" : "AND") {
                throw .malformed("unexpected token: '\(joiner == "AND" ? "OR" : "AND")' (use parentheses to mix AND and OR)")
            }
            return joiner == "AND" ? .all(conditions) : .any(conditions)
        }

        mutating func simpleCondition() throws(SOQLError) -> SOQLCondition {
            if accept(.symbol("(")) {
                let inner = try conditionList()
                guard accept(.symbol(")")) else { throw unexpected() }
                return inner
            }
            let field = try name()
            guard case .symbol(let op) = next(), ["=", "!=", "<>", "<", "<=", ">", ">="].contains(op) else { throw unexpected(at: index - 1) }
            return .comparison(field: field, operator: op == "<>" ? "!=" : op, value: try literal())
        }

        mutating func literal() throws(SOQLError) -> SOQLLiteral {
            switch next() {
            case .string(let value): return .string(value)
            case .bare(let text):
                if let number = Int(text) { return .integer(number) }
                guard let instant = SalesforceTime.parse(text) else { throw .malformed("line 1: invalid date/time literal '\(text)'") }
                return .dateTime(instant)
            case .word(let word) where word.uppercased() == "TRUE": return .boolean(true)
            case .word(let word) where word.uppercased() == "FALSE": return .boolean(false)
            case .word(let word) where word.uppercased() == "NULL": return .null
            default: throw unexpected(at: index - 1)
            }
        }

        mutating func name() throws(SOQLError) -> String {
            guard case .word(let word) = next(), !Self.reserved.contains(word.uppercased()) else { throw unexpected(at: index - 1) }
            guard word.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ $0.first?.isLetter == true }) else {
                throw unexpected(at: index - 1)
            }
            return word
        }

        static let reserved: Set = ["SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "ORDER", "BY", "LIMIT", "ASC", "DESC", "NULLS", "NULL", "TRUE", "FALSE"]

        mutating func next() -> SOQLToken? {
            defer { index += 1 }
            return index < tokens.count ? tokens[index] : nil
        }

        mutating func accept(_ token: SOQLToken) -> Bool {
            guard index < tokens.count, tokens[index] == token else { return false }
            index += 1
            return true
        }

        func peekKeyword(_ keyword: String) -> Bool {
            guard index < tokens.count, case .word(let word) = tokens[index] else { return false }
            return word.uppercased() == keyword
        }

        mutating func acceptKeyword(_ keyword: String) -> Bool {
            guard peekKeyword(keyword) else { return false }
            index += 1
            return true
        }

        mutating func keyword(_ keyword: String) throws(SOQLError) {
            guard acceptKeyword(keyword) else { throw unexpected() }
        }

        func unexpected(at position: Int? = nil) -> SOQLError {
            let at = position ?? index
            guard at < tokens.count else { return .malformed("unexpected end of query") }
            let text: String
            switch tokens[at] {
            case .word(let value), .bare(let value), .symbol(let value): text = value
            case .string(let value): text = "'\(value)'"
            }
            return .malformed("unexpected token: '\(text)'")
        }
    }
}
