/// A BSON value as the store writes and reads it: the JSON types, split into
/// integers and doubles the way BSON types them, plus dates for TTL fields.
///
/// Plain Swift data, so documents are built and inspected anywhere; only
/// `LibBSON` turns them into `bson_t`, on the store's threads.
enum BSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int64(Int64)
    case double(Double)
    case string(String)
    /// A BSON UTC datetime: milliseconds since 1970.
    case date(milliseconds: Int64)
    case document(BSONDocument)
    case array([BSONValue])
}

/// An ordered BSON document. Order matters to MongoDB: `_id` first, sort
/// specifications and index keys in the order given.
struct BSONDocument: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    struct Field: Sendable, Equatable {
        var key: String
        var value: BSONValue
    }

    var fields: [Field]

    init(_ fields: [Field] = []) {
        self.fields = fields
    }

    init(dictionaryLiteral elements: (String, BSONValue)...) {
        fields = elements.map { Field(key: $0.0, value: $0.1) }
    }

    /// The value of the first field named `key`.
    subscript(key: String) -> BSONValue? {
        fields.first { $0.key == key }?.value
    }

    mutating func append(_ key: String, _ value: BSONValue) {
        fields.append(Field(key: key, value: value))
    }
}

extension BSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .int64(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    /// A number as MongoDB reports counts: any integer or double type.
    var integerValue: Int64? {
        switch self {
        case .int64(let value): return value
        case .double(let value): return Int64(exactly: value)
        default: return nil
        }
    }
}
