/// The slice of JQL the Jira stand-in understands, parsed the way Jira
/// parses it: `field op value` clauses joined by AND/OR (AND binds tighter),
/// values as quoted strings (with `\"` and `\\` escapes), bare words or
/// `(list)` for IN, then an optional `ORDER BY field [ASC|DESC], ...`.
public struct MiniJQL: Sendable, Equatable {
    public struct Clause: Sendable, Equatable {
        public var field: String
        public var op: String
        public var values: [String]

        public init(field: String, op: String, values: [String]) {
            self.field = field
            self.op = op
            self.values = values
        }
    }

    public struct Ordering: Sendable, Equatable {
        public var field: String
        public var ascending: Bool

        public init(field: String, ascending: Bool) {
            self.field = field
            self.ascending = ascending
        }
    }

    /// Clauses in disjunctive form: OR of ANDs.
    public var anyOf: [[Clause]]
    public var orderBy: [Ordering]

    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public static func parse(_ text: String) throws(SyntaxError) -> MiniJQL {
        var tokens = try JQLTokens.split(text)[...]
        var anyOf: [[Clause]] = []
        var current: [Clause] = []
        var orderBy: [Ordering] = []
        while let token = tokens.first {
            if token.isWord("ORDER") {
                tokens.removeFirst()
                guard tokens.popFirst()?.isWord("BY") == true else { throw SyntaxError(description: "Expecting 'BY' after 'ORDER'.") }
                orderBy = try orderings(&tokens)
                break
            }
            current.append(try clause(&tokens))
            if tokens.first?.isWord("AND") == true {
                tokens.removeFirst()
            } else if tokens.first?.isWord("OR") == true {
                tokens.removeFirst()
                anyOf.append(current)
                current = []
            } else if let next = tokens.first, !next.isWord("ORDER") {
                throw SyntaxError(description: "Expecting either 'OR' or 'AND' but got '\(next.text)'.")
            }
        }
        if !current.isEmpty { anyOf.append(current) }
        guard tokens.isEmpty else { throw SyntaxError(description: "Unexpected '\(tokens.first!.text)' after ORDER BY.") }
        return MiniJQL(anyOf: anyOf, orderBy: orderBy)
    }

    private static func clause(_ tokens: inout ArraySlice<JQLTokens.Token>) throws(SyntaxError) -> Clause {
        guard let field = tokens.popFirst(), !field.quoted, field.kind == .word else { throw SyntaxError(description: "Expecting a field name.") }
        guard var op = tokens.popFirst()?.text else { throw SyntaxError(description: "Expecting an operator after '\(field.text)'.") }
        if op.uppercased() == "NOT", tokens.first?.isWord("IN") == true {
            tokens.removeFirst()
            op = "NOT IN"
        } else if op.uppercased() == "IS", tokens.first?.isWord("NOT") == true {
            tokens.removeFirst()
            op = "IS NOT"
        }
        op = op.uppercased()
        guard ["=", "!=", ">", ">=", "<", "<=", "~", "IN", "NOT IN", "IS", "IS NOT"].contains(op) else {
            throw SyntaxError(description: "Operator '\(op)' is not valid here.")
        }
        var values: [String] = []
        if op.hasSuffix("IN") {
            guard tokens.popFirst()?.kind == .open else { throw SyntaxError(description: "Expecting '(' after \(op).") }
            while let token = tokens.popFirst(), token.kind != .close {
                if token.kind == .comma { continue }
                values.append(token.text)
            }
        } else {
            guard let value = tokens.popFirst(), value.kind == .word else { throw SyntaxError(description: "Expecting a value after '\(op)'.") }
            values = [value.text]
        }
        return Clause(field: field.text.lowercased(), op: op, values: values)
    }

    private static func orderings(_ tokens: inout ArraySlice<JQLTokens.Token>) throws(SyntaxError) -> [Ordering] {
        var result: [Ordering] = []
        while let field = tokens.popFirst() {
            guard field.kind == .word else { throw SyntaxError(description: "Expecting a field to order by.") }
            var ascending = true
            if tokens.first?.isWord("ASC") == true {
                tokens.removeFirst()
            } else if tokens.first?.isWord("DESC") == true {
                tokens.removeFirst()
                ascending = false
            }
            result.append(Ordering(field: field.text.lowercased(), ascending: ascending))
            guard let next = tokens.first else { break }
            guard next.kind == .comma else { throw SyntaxError(description: "Expecting ',' between order fields.") }
            tokens.removeFirst()
        }
        return result
    }
}
