import ConnectorModel

/// JSON trees to BSON and back, the way records are stored: integral numbers
/// become int64 (as `JSONValue` encodes them), others double; member names are
/// escaped by `BSONKeyEscaping`; objects get their members in sorted order, so
/// equal records give equal documents.
extension BSONValue {
    init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .number(let value):
            if let integer = Int64(exactly: value) {
                self = .int64(integer)
            } else {
                self = .double(value)
            }
        case .string(let value): self = .string(value)
        case .array(let values): self = .array(values.map(BSONValue.init(json:)))
        case .object(let members): self = .document(BSONDocument(jsonObject: members))
        }
    }

    /// The JSON form; dates become milliseconds since 1970, like every stored timestamp.
    var json: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .int64(let value): return .number(Double(value))
        case .double(let value): return .number(value)
        case .string(let value): return .string(value)
        case .date(let milliseconds): return .number(Double(milliseconds))
        case .array(let values): return .array(values.map(\.json))
        case .document(let document): return document.json
        }
    }
}

extension BSONDocument {
    init(jsonObject members: [String: JSONValue]) {
        self.init(
            members.sorted { $0.key < $1.key }.map {
                Field(key: BSONKeyEscaping.escape($0.key), value: BSONValue(json: $0.value))
            })
    }

    /// The JSON object; of repeated names (never written by this store) the last wins.
    var json: JSONValue {
        var members: [String: JSONValue] = [:]
        for field in fields {
            members[BSONKeyEscaping.unescape(field.key)] = field.value.json
        }
        return .object(members)
    }
}
