import ConnectorModel

/// A schema object read once into an ordered list of checks.
///
/// Validating a 50-issue search page means visiting thousands of instance
/// nodes against the same few dozen schemas; reading keywords out of
/// dictionaries at every visit would dominate that. Compiling also fixes the
/// order in which keywords run, so issues come out in the same order every
/// run (dictionary order is randomly seeded per process).
final class CompiledSchema: Sendable {
    /// The schema's own place in its document (`#/components/schemas/User`);
    /// every issue's `schemaPath` starts here.
    let location: String
    let checks: [SchemaCheck]
    /// OpenAPI 3.0 `nullable: true`: null is valid whatever the other keywords say.
    let nullable: Bool
    /// Custom `secret: true`: values under this schema are not quoted in messages.
    let isSecret: Bool

    init(location: String, checks: [SchemaCheck], nullable: Bool = false, isSecret: Bool = false) {
        self.location = location
        self.checks = checks
        self.nullable = nullable
        self.isSecret = isSecret
    }
}

/// One compiled keyword (or a group that must run together, like
/// `minimum` with its OpenAPI 3.0 boolean `exclusiveMinimum`).
enum SchemaCheck: Sendable {
    /// The `false` schema: nothing is valid.
    case never
    /// `$ref`, by canonical pointer; looked up when first needed, so cycles
    /// between schemas never have to be built as object graphs.
    case ref(String)
    case type(JSONTypeSet)
    case enumeration([JSONValue])
    case constant(JSONValue)
    case number(NumberCheck)
    case string(StringCheck)
    case array(ArrayCheck)
    case object(ObjectCheck)
    case combinator(CombinatorCheck)
}

/// The JSON Schema type names, as a set so `type: ["string", "null"]` is one check.
struct JSONTypeSet: OptionSet, Sendable {
    let rawValue: UInt8

    init(rawValue: UInt8) { self.rawValue = rawValue }

    static let null = JSONTypeSet(rawValue: 1 << 0)
    static let boolean = JSONTypeSet(rawValue: 1 << 1)
    static let object = JSONTypeSet(rawValue: 1 << 2)
    static let array = JSONTypeSet(rawValue: 1 << 3)
    static let number = JSONTypeSet(rawValue: 1 << 4)
    static let string = JSONTypeSet(rawValue: 1 << 5)
    static let integer = JSONTypeSet(rawValue: 1 << 6)

    /// In the order messages list them ("string or null" reads better than "null or string").
    private static let names: [(String, JSONTypeSet)] = [
        ("object", .object), ("array", .array), ("string", .string), ("number", .number),
        ("integer", .integer), ("boolean", .boolean), ("null", .null),
    ]

    /// The set for one type name, or `nil` for a name JSON Schema does not define.
    init?(name: String) {
        guard let match = Self.names.first(where: { $0.0 == name }) else { return nil }
        self = match.1
    }

    /// True when `value` has one of these types. "integer" admits numbers
    /// without a fraction (`1.0` included, as JSON Schema says).
    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .object: contains(.object)
        case .array: contains(.array)
        case .string: contains(.string)
        case .number(let number): contains(.number) || (contains(.integer) && number.isWhole)
        }
    }

    /// `integer` or `string or null`, for messages.
    var phrase: String {
        Self.names.filter { contains($0.1) }.map(\.0).joined(separator: " or ")
    }
}

extension Double {
    /// True for finite numbers with no fractional part.
    var isWhole: Bool { isFinite && rounded(.towardZero) == self }
}
