import ConnectorModel

/// Turns schema JSON into `CompiledSchema` trees and notes what is wrong with
/// the schema itself along the way.
///
/// `$ref` is not followed here (it becomes `.ref`), so compiling always
/// terminates, however the schemas refer to each other.
struct SchemaCompiler {
    /// Defects found so far, in the order met.
    private(set) var problems: [SchemaProblem] = []

    /// Compiles the schema `schema`, which sits at `location` in its document.
    mutating func compile(_ schema: JSONValue, at location: String) -> CompiledSchema {
        switch schema {
        case .bool(true):
            return CompiledSchema(location: location, checks: [])
        case .bool(false):
            return CompiledSchema(location: location, checks: [.never])
        case .object(let members):
            return compileObject(members, at: location)
        default:
            // Be lenient: a malformed subschema should not make every instance fail.
            problem(at: location, "a schema must be an object or a boolean; this one is ignored")
            return CompiledSchema(location: location, checks: [])
        }
    }

    private mutating func compileObject(_ members: [String: JSONValue], at location: String) -> CompiledSchema {
        var checks: [SchemaCheck] = []
        if let ref = members["$ref"] {
            if let target = ref.stringValue {
                // Non-local references keep their text so the failure names them.
                checks.append(.ref(JSONPointer.canonical(target) ?? target))
            } else {
                problem(at: location + "/$ref", "$ref must be a string")
            }
        }
        if let type = members["type"], let set = compileType(type, at: location + "/type") {
            checks.append(.type(set))
        }
        if let values = members["enum"] {
            if let values = values.arrayValue {
                checks.append(.enumeration(values))
            } else {
                problem(at: location + "/enum", "enum must be an array")
            }
        }
        if let value = members["const"] { checks.append(.constant(value)) }
        checks += NumberCheck.compile(members, at: location, compiler: &self).map(SchemaCheck.number)
        checks += StringCheck.compile(members, at: location, compiler: &self).map(SchemaCheck.string)
        checks += ArrayCheck.compile(members, at: location, compiler: &self).map(SchemaCheck.array)
        checks += ObjectCheck.compile(members, at: location, compiler: &self).map(SchemaCheck.object)
        checks += CombinatorCheck.compile(members, at: location, compiler: &self).map(SchemaCheck.combinator)
        return CompiledSchema(
            location: location, checks: checks,
            nullable: members["nullable"] == .bool(true),
            isSecret: members["secret"] == .bool(true))
    }

    private mutating func compileType(_ value: JSONValue, at location: String) -> JSONTypeSet? {
        let names: [JSONValue] = value.arrayValue ?? [value]
        var set: JSONTypeSet = []
        for name in names {
            guard let text = name.stringValue, let member = JSONTypeSet(name: text) else {
                problem(at: location, "unknown type \(ValueDescription.literal(name)); it is ignored")
                continue
            }
            set.insert(member)
        }
        return set.isEmpty ? nil : set
    }

    /// Records a defect of the schema.
    mutating func problem(at location: String, _ message: String) {
        problems.append(SchemaProblem(schemaPath: location, message: message))
    }

    /// A keyword that must be a non-negative integer (`minLength`, `maxItems`, ...).
    mutating func count(_ members: [String: JSONValue], _ keyword: String, at location: String) -> Int? {
        guard let value = members[keyword] else { return nil }
        guard let number = value.numberValue, number.isWhole, number >= 0, let count = Int(exactly: number) else {
            problem(at: location + "/" + keyword, "\(keyword) must be a non-negative integer; it is ignored")
            return nil
        }
        return count
    }

    /// A keyword that must be a number (`minimum`, `multipleOf`, ...).
    mutating func number(_ members: [String: JSONValue], _ keyword: String, at location: String) -> Double? {
        guard let value = members[keyword] else { return nil }
        guard let number = value.numberValue else {
            problem(at: location + "/" + keyword, "\(keyword) must be a number; it is ignored")
            return nil
        }
        return number
    }

    /// Compiles each member of a keyword whose value is an array of schemas (`allOf`, `prefixItems`).
    mutating func schemaList(_ members: [String: JSONValue], _ keyword: String, at location: String) -> [CompiledSchema]? {
        guard let value = members[keyword] else { return nil }
        guard let list = value.arrayValue else {
            problem(at: location + "/" + keyword, "\(keyword) must be an array of schemas; it is ignored")
            return nil
        }
        return list.enumerated().map { compile($1, at: "\(location)/\(keyword)/\($0)") }
    }

    /// Compiles each member of a keyword whose value maps names to schemas (`properties`).
    mutating func schemaMap(_ members: [String: JSONValue], _ keyword: String, at location: String) -> [(String, CompiledSchema)]? {
        guard let value = members[keyword] else { return nil }
        guard let map = value.objectValue else {
            problem(at: location + "/" + keyword, "\(keyword) must be an object of schemas; it is ignored")
            return nil
        }
        // Sorted, so issues about several properties always come out in one order.
        return map.keys.sorted().map { name in
            (name, compile(map[name]!, at: location + "/" + keyword + "/" + JSONPointer.escape(name)))
        }
    }
}
