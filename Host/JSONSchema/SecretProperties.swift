import ConnectorModel

extension JSONSchemaValidator {
    /// Names of the top-level properties of `schema` marked with the custom
    /// `"secret": true` keyword, the settings the host must store encrypted
    /// and never show. A property whose schema is a local `$ref` counts when
    /// the referenced schema is marked (or the property itself is).
    ///
    /// Validation ignores `secret` except that values under it are never
    /// quoted in issue messages.
    public static func secretPropertyNames(of schema: JSONValue) -> Set<String> {
        guard let properties = schema["properties"]?.objectValue else { return [] }
        var names: Set<String> = []
        for (name, property) in properties where isSecret(property, in: schema) {
            names.insert(name)
        }
        return names
    }

    private static func isSecret(_ property: JSONValue, in document: JSONValue) -> Bool {
        if property["secret"] == .bool(true) { return true }
        guard let ref = property["$ref"]?.stringValue, let tokens = JSONPointer.tokens(of: ref),
            let target = JSONPointer.resolve(tokens, in: document)
        else { return false }
        return target["secret"] == .bool(true)
    }
}
