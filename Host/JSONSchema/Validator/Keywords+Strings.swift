import ConnectorModel

/// Keywords that apply to strings.
enum StringCheck: Sendable {
    case minLength(Int)
    case maxLength(Int)
    /// Only patterns that compiled; the others were reported as schema problems.
    case pattern(String)
    case format(StringFormat)

    static func compile(_ members: [String: JSONValue], at location: String, compiler: inout SchemaCompiler) -> [StringCheck] {
        var checks: [StringCheck] = []
        if let length = compiler.count(members, "minLength", at: location) { checks.append(.minLength(length)) }
        if let length = compiler.count(members, "maxLength", at: location) { checks.append(.maxLength(length)) }
        if let pattern = members["pattern"] {
            if let text = pattern.stringValue {
                do {
                    _ = try PatternRegex.compile(text)
                    checks.append(.pattern(text))
                } catch {
                    // A vendor regex in a dialect Swift does not accept is the
                    // schema's problem, not the payload's: report it once, skip the keyword.
                    compiler.problem(at: location + "/pattern", "pattern \(ValueDescription.literal(pattern)) does not compile as a Swift Regex (\(error)); it is not checked")
                }
            } else {
                compiler.problem(at: location + "/pattern", "pattern must be a string; it is ignored")
            }
        }
        // Unknown formats (`int32` on strings, `password`, `binary`, ...) pass, as JSON Schema says.
        if let name = members["format"]?.stringValue, let format = StringFormat(rawValue: name) {
            checks.append(.format(format))
        }
        return checks
    }
}

extension ValidationRun {
    func evaluate(_ check: StringCheck, _ schema: CompiledSchema, _ text: String) {
        switch check {
        case .minLength(let minimum):
            // JSON Schema counts characters as Unicode code points, not bytes or UTF-16 units.
            let length = text.unicodeScalars.count
            if length < minimum {
                report(schema, "minLength", "string has \(length) characters, fewer than minLength \(minimum)")
            }
        case .maxLength(let maximum):
            let length = text.unicodeScalars.count
            if length > maximum {
                report(schema, "maxLength", "string has \(length) characters, more than maxLength \(maximum)")
            }
        case .pattern(let pattern):
            if let regex = regex(pattern), !PatternRegex.matches(regex, text) {
                report(schema, "pattern", "\(describe(.string(text))) does not match pattern \(ValueDescription.literal(.string(pattern)))")
            }
        case .format(let format):
            if checksFormats, !format.accepts(text) {
                report(schema, "format", "\(describe(.string(text))) is not a valid \(format.rawValue)\(format.hint)")
            }
        }
    }
}
