import ConnectorModel

/// Keywords that apply to numbers.
enum NumberCheck: Sendable {
    /// `minimum`, exclusive either through the OpenAPI 3.0 boolean
    /// `exclusiveMinimum: true` or the 2020 numeric `exclusiveMinimum: n`.
    case minimum(Double, exclusive: Bool)
    case maximum(Double, exclusive: Bool)
    case multipleOf(Double)
    /// `format: int32` / `int64`: the number fits that integer type.
    case integerFormat(name: String, range: ClosedRange<Double>)

    static func compile(_ members: [String: JSONValue], at location: String, compiler: inout SchemaCompiler) -> [NumberCheck] {
        var checks: [NumberCheck] = []
        if let minimum = compiler.number(members, "minimum", at: location) {
            checks.append(.minimum(minimum, exclusive: members["exclusiveMinimum"] == .bool(true)))
        }
        if let bound = members["exclusiveMinimum"]?.numberValue { checks.append(.minimum(bound, exclusive: true)) }
        if let maximum = compiler.number(members, "maximum", at: location) {
            checks.append(.maximum(maximum, exclusive: members["exclusiveMaximum"] == .bool(true)))
        }
        if let bound = members["exclusiveMaximum"]?.numberValue { checks.append(.maximum(bound, exclusive: true)) }
        if let divisor = compiler.number(members, "multipleOf", at: location) {
            if divisor > 0 {
                checks.append(.multipleOf(divisor))
            } else {
                compiler.problem(at: location + "/multipleOf", "multipleOf must be greater than 0; it is ignored")
            }
        }
        switch members["format"]?.stringValue {
        case "int32": checks.append(.integerFormat(name: "int32", range: Double(Int32.min)...Double(Int32.max)))
        // Int64.max is not a Double; its nearest Double (2^63) is the bound, so
        // the check is a sanity check, not exact at the very top of the range.
        case "int64": checks.append(.integerFormat(name: "int64", range: Double(Int64.min)...Double(Int64.max)))
        default: break
        }
        return checks
    }
}

extension ValidationRun {
    func evaluate(_ check: NumberCheck, _ schema: CompiledSchema, _ number: Double) {
        let shown = secretDepth > 0 ? "the value" : ValueDescription.number(number)
        switch check {
        case .minimum(let bound, let exclusive):
            if exclusive ? number <= bound : number < bound {
                let keyword = exclusive ? "exclusiveMinimum" : "minimum"
                report(schema, keyword, "\(shown) is \(exclusive ? "not greater than" : "less than") \(keyword) \(ValueDescription.number(bound))")
            }
        case .maximum(let bound, let exclusive):
            if exclusive ? number >= bound : number > bound {
                let keyword = exclusive ? "exclusiveMaximum" : "maximum"
                report(schema, keyword, "\(shown) is \(exclusive ? "not less than" : "greater than") \(keyword) \(ValueDescription.number(bound))")
            }
        case .multipleOf(let divisor):
            if !Self.isMultiple(number, of: divisor) {
                report(schema, "multipleOf", "\(shown) is not a multiple of \(ValueDescription.number(divisor))")
            }
        case .integerFormat(let name, let range):
            // Whether it is whole is `type: integer`'s business; this is the range.
            if checksFormats, !range.contains(number) {
                report(schema, "format", "\(shown) does not fit \(name) (\(ValueDescription.number(range.lowerBound))...\(ValueDescription.number(range.upperBound)))")
            }
        }
    }

    /// Decimal divisors such as 0.01 are not exact in binary, so `0.3` is a
    /// multiple of `0.1` only within a rounding tolerance.
    static func isMultiple(_ number: Double, of divisor: Double) -> Bool {
        let quotient = number / divisor
        guard quotient.isFinite else { return false }
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }
}
