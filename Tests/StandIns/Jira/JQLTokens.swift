/// Splits JQL into words, quoted strings, operators and punctuation.
enum JQLTokens {
    struct Token: Sendable, Equatable {
        enum Kind: Sendable { case word, open, close, comma }
        var kind: Kind
        var text: String
        var quoted = false

        func isWord(_ keyword: String) -> Bool {
            kind == .word && !quoted && text.uppercased() == keyword
        }
    }

    static func split(_ text: String) throws(MiniJQL.SyntaxError) -> [Token] {
        var tokens: [Token] = []
        var characters = Array(text)[...]
        while let character = characters.first {
            if character.isWhitespace {
                characters.removeFirst()
            } else if character == "\"" || character == "'" {
                characters.removeFirst()
                var value = ""
                var closed = false
                while let next = characters.popFirst() {
                    if next == "\\", let escaped = characters.popFirst() {
                        value.append(escaped)
                    } else if next == character {
                        closed = true
                        break
                    } else {
                        value.append(next)
                    }
                }
                guard closed else { throw MiniJQL.SyntaxError(description: "The quoted string \(character)\(value) has not been completed.") }
                tokens.append(Token(kind: .word, text: value, quoted: true))
            } else if "(),".contains(character) {
                characters.removeFirst()
                tokens.append(Token(kind: character == "(" ? .open : character == ")" ? .close : .comma, text: String(character)))
            } else if "=!<>~".contains(character) {
                var op = String(characters.removeFirst())
                if characters.first == "=" { op.append(characters.removeFirst()) }
                guard op != "!" else { throw MiniJQL.SyntaxError(description: "Operator '!' is not valid.") }
                tokens.append(Token(kind: .word, text: op))
            } else {
                var word = ""
                while let next = characters.first, !next.isWhitespace, !"(),=!<>~\"'".contains(next) { word.append(characters.removeFirst()) }
                tokens.append(Token(kind: .word, text: word))
            }
        }
        return tokens
    }
}
