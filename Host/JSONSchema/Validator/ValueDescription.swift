import ConnectorModel

/// How values appear in messages: short, typed, and never a whole payload.
enum ValueDescription {
    /// Longest string quoted before it is cut with an ellipsis.
    static let maxQuoted = 60

    /// `string "abc"`, `number 1.5`, `boolean true`, `null`, `array (3 items)`, `object (2 members)`.
    static func phrase(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "boolean \(flag)"
        case .number(let number): "number \(self.number(number))"
        case .string: "string \(literal(value))"
        case .array(let elements): "array (\(elements.count) \(elements.count == 1 ? "item" : "items"))"
        case .object(let members): "object (\(members.count) \(members.count == 1 ? "member" : "members"))"
        }
    }

    /// The kind of value only, for values under a `secret: true` schema.
    static func hidden(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean (secret, not shown)"
        case .number: "a number (secret, not shown)"
        case .string: "a string (secret, not shown)"
        case .array: "an array (secret, not shown)"
        case .object: "an object (secret, not shown)"
        }
    }

    /// A scalar as JSON text (`"abc"`, `1.5`, `true`); containers by kind.
    static func literal(_ value: JSONValue) -> String {
        switch value {
        case .string(let text):
            let cut = text.count > maxQuoted ? String(text.prefix(maxQuoted)) + "…" : text
            return "\"" + cut.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n") + "\""
        case .null, .bool, .number, .array, .object:
            return phrase(value).replacing("boolean ", with: "").replacing("number ", with: "")
        }
    }

    /// Up to ten literals, for `enum` messages.
    static func list(_ values: [JSONValue], hidden: Bool) -> String {
        if hidden { return "the \(values.count) allowed values" }
        let shown = values.prefix(10).map(literal).joined(separator: ", ")
        return "[" + shown + (values.count > 10 ? ", … \(values.count - 10) more]" : "]")
    }

    /// Whole numbers without a trailing `.0`, so messages read like the JSON did.
    static func number(_ number: Double) -> String {
        if number.isWhole, abs(number) < 1e15, let whole = Int64(exactly: number) { return String(whole) }
        return String(number)
    }
}
