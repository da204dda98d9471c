import ConnectorModel

/// The mutable state of one `validate` call: issues found, where in the
/// instance we are, and caches that cannot be shared between threads.
///
/// A class so the keyword checks can update it without threading `inout`
/// through every call; it never leaves the call that created it.
final class ValidationRun {
    let index: SchemaIndex
    let checksFormats: Bool

    /// Issues reported so far; the caller reads them at the end.
    var issues: [ValidationIssue] = []
    /// Stop after this many issues. Probing a combinator branch lowers it to 1,
    /// because there only "valid or not" matters.
    var limit: Int
    /// The instance path, unrendered (see `PathToken`).
    private(set) var path: [PathToken] = []
    /// `$ref`s being evaluated, each with the instance depth it was entered at;
    /// entering one again at the same depth is a cycle and is cut.
    var activeRefs: Set<RefVisit> = []
    /// Greater than zero inside a `secret: true` schema.
    var secretDepth = 0
    /// Swift `Regex` is not `Sendable`, so compiled patterns live per run.
    private var regexes: [String: Regex<AnyRegexOutput>?] = [:]
    /// Schemas compiled on demand for `$ref`s the index has not seen.
    var lateSchemas: [String: CompiledSchema?] = [:]

    init(index: SchemaIndex, limit: Int, checksFormats: Bool) {
        self.index = index
        self.limit = max(1, limit)
        self.checksFormats = checksFormats
    }

    /// True once no more issues may be reported; every check stops early.
    var isFull: Bool { issues.count >= limit }

    /// Reports that `keyword` of `schema` fails here; `child` names a member
    /// or element below the current value when the issue is about it
    /// (a missing required property, a disallowed additional one).
    func report(_ schema: CompiledSchema, _ keyword: String, _ message: String, child: PathToken? = nil) {
        guard !isFull else { return }
        var instancePath = PathToken.render(path)
        if let child { instancePath += PathToken.render([child]) }
        let schemaPath = keyword.isEmpty ? schema.location : schema.location + "/" + keyword
        issues.append(ValidationIssue(instancePath: instancePath, schemaPath: schemaPath, message: message))
    }

    /// Runs `body` with `token` appended to the instance path.
    func descend(_ token: PathToken, _ body: () -> Void) {
        path.append(token)
        body()
        path.removeLast()
    }

    /// How deep in the instance we are; used to recognise `$ref` cycles.
    var depth: Int { path.count }

    /// True when `instance` satisfies `schema`; issues found on the way are discarded.
    func probe(_ instance: JSONValue, _ schema: CompiledSchema) -> Bool {
        collect(instance, schema, limit: 1).isEmpty
    }

    /// The issues of `instance` against `schema`, up to `limit`, without reporting them.
    func collect(_ instance: JSONValue, _ schema: CompiledSchema, limit: Int) -> [ValidationIssue] {
        let (savedIssues, savedLimit) = (issues, self.limit)
        issues = []
        self.limit = max(1, limit)
        evaluate(instance, schema)
        let found = issues
        (issues, self.limit) = (savedIssues, savedLimit)
        return found
    }

    /// The compiled form of `pattern`, or `nil` when Swift cannot compile it
    /// (the index has reported that once as a schema problem).
    func regex(_ pattern: String) -> Regex<AnyRegexOutput>? {
        if let cached = regexes[pattern] { return cached }
        let compiled = try? PatternRegex.compile(pattern)
        regexes[pattern] = compiled
        return compiled
    }

    /// How `value` appears in a message; secrets are never quoted.
    func describe(_ value: JSONValue) -> String {
        secretDepth > 0 ? ValueDescription.hidden(value) : ValueDescription.phrase(value)
    }
}

/// A `$ref` entered at a given instance depth.
struct RefVisit: Hashable {
    let pointer: String
    let depth: Int
}
