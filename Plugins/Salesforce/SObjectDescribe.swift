import ConnectorSDK

/// One entry of Describe Global (`GET /sobjects/`): what the org has and whether it can be queried.
struct SObjectSummary: Sendable {
    let name: String
    let label: String
    let queryable: Bool
    let raw: JSONValue

    init?(_ json: JSONValue) {
        guard let name = json["name"]?.stringValue else { return nil }
        self.name = name
        label = json["label"]?.stringValue ?? name
        queryable = json["queryable"]?.boolValue ?? false
        raw = json
    }
}

/// The parts of an sObject Describe (`GET /sobjects/{name}/describe`) the connector uses.
struct SObjectDescribe: Sendable {
    struct Field: Sendable {
        let name: String
        let nameField: Bool
        let autoNumber: Bool
        /// e.g. "CreatedBy" for `CreatedById`, for `CreatedBy.Name` paths.
        let relationshipName: String?
    }

    let name: String
    let queryable: Bool
    let fields: [Field]
    let raw: JSONValue

    init(_ json: JSONValue) throws {
        guard let name = json["name"]?.stringValue, let fieldList = json["fields"]?.arrayValue else {
            throw ErrorDocument(
                code: ErrorDocument.Code.upstreamBadResponse, message: "Salesforce answered a describe without a name or fields.")
        }
        self.name = name
        queryable = json["queryable"]?.boolValue ?? false
        fields = fieldList.compactMap { field in
            guard let name = field["name"]?.stringValue, SOQL.isIdentifier(name) else { return nil }
            return Field(
                name: name, nameField: field["nameField"]?.boolValue ?? false,
                autoNumber: field["autoNumber"]?.boolValue ?? false,
                relationshipName: field["relationshipName"]?.stringValue.flatMap { SOQL.isIdentifier($0) ? $0 : nil })
        }
        raw = json
    }

    func field(_ name: String) -> Field? {
        fields.first { $0.name == name }
    }
}

extension SalesforceAPI {
    /// Describe Global's entries.
    func describeGlobal() async throws -> [SObjectSummary] {
        let json: JSONValue = try await getJSON(dataPath + "/sobjects/", what: "the sObject list")
        guard let entries = json["sobjects"]?.arrayValue else {
            throw ErrorDocument(code: ErrorDocument.Code.upstreamBadResponse, message: "Salesforce answered the sObject list without sobjects.")
        }
        return entries.compactMap(SObjectSummary.init)
    }

    /// The describe of `object`, whose name the caller has checked with `SOQL.isIdentifier`.
    func describe(_ object: String) async throws -> SObjectDescribe {
        try SObjectDescribe(try await getJSON(dataPath + "/sobjects/\(object)/describe", what: "the \(object) describe"))
    }

    /// The describe of a client-named object that must exist and be queryable.
    func queryableDescribe(_ object: String?) async throws -> SObjectDescribe {
        guard let object, SOQL.isIdentifier(object) else {
            throw ErrorDocument(
                code: ErrorDocument.Code.invalidInput, message: "containerId must be an sObject API name such as Account or Invoice__c.")
        }
        let describe = try await self.describe(object)
        guard describe.queryable else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "Salesforce does not allow queries on \(object).")
        }
        return describe
    }
}
