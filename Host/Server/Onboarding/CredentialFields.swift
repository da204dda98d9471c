import ConnectorModel

/// Turns the credential fields a client sent into `Credentials` (secret
/// fields) and connection settings (the rest), as the manifest's auth method
/// declares them.
enum CredentialFields {
    static func grant(for method: AuthMethod, from fields: [String: JSONValue], displayName: String?) throws(APIError) -> ConnectionGrant {
        let declared = method.fields ?? []
        let missing = declared.filter { field in field.required && (fields[field.name]?.stringValue ?? "").isEmpty }.map(\.name)
        guard missing.isEmpty else {
            throw APIError.invalidRequest(
                "Connecting with \(method.type.rawValue) needs \(missing.joined(separator: ", ")).",
                details: ["fields": .array(missing.map { .string($0) })])
        }
        let known = Set(declared.map(\.name))
        let unknown = fields.keys.filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw APIError.invalidRequest(
                "Unknown field(s) for \(method.type.rawValue): \(unknown.joined(separator: ", ")); expected \(declared.map(\.name).joined(separator: ", ")).",
                details: ["fields": .array(unknown.map { .string($0) })])
        }
        var credentials = Credentials(type: method.type)
        var config: [String: JSONValue] = [:]
        var secrets: [String: String] = [:]
        for field in declared {
            guard let value = fields[field.name], !value.isNull else { continue }
            guard let text = value.stringValue else {
                throw APIError.invalidRequest("The field \"\(field.name)\" must be a string.", details: ["field": .string(field.name)])
            }
            switch (field.name, field.secret) {
            case ("apiKey", true): credentials.apiKey = text
            case ("apiSecret", true): credentials.apiSecret = text
            case ("password", true): credentials.password = text
            case ("username", _): credentials.username = text
            case (_, true): secrets[field.name] = text
            default: config[field.name] = .string(text)
            }
        }
        if !secrets.isEmpty { credentials.secrets = secrets }
        return ConnectionGrant(credentials: credentials, connectionConfig: config, displayName: displayName)
    }
}
