import ConnectorModel

/// Describe Global (`GET /sobjects/`) and sObject Describe
/// (`GET /sobjects/{name}/describe`), with the members the REST API Developer
/// Guide's examples show (trimmed to what the stand-in models).
enum SalesforceDescribe {
    static func global(version: String) -> Result<JSONValue, SOQLError> {
        .success(["encoding": "UTF-8", "maxBatchSize": 200, "sobjects": .array(SalesforceSchema.objects.map { summary($0, version: version) })])
    }

    static func object(_ spec: SalesforceObjectSpec, version: String) -> Result<JSONValue, SOQLError> {
        guard case .object(var json) = summary(spec, version: version) else { return .success(.null) }
        json["fields"] = .array(spec.fields.map(field))
        json["childRelationships"] = []
        json["recordTypeInfos"] = []
        return .success(.object(json))
    }

    private static func summary(_ spec: SalesforceObjectSpec, version: String) -> JSONValue {
        let base = "/services/data/v\(version)/sobjects/\(spec.name)"
        return [
            "name": .string(spec.name), "label": .string(spec.label), "labelPlural": .string(spec.label + "s"),
            "keyPrefix": .string(spec.keyPrefix), "custom": .bool(spec.name.hasSuffix("__c")), "queryable": .bool(spec.queryable),
            "retrieveable": .bool(spec.queryable), "searchable": .bool(spec.queryable), "replicateable": .bool(spec.queryable),
            "feedEnabled": .bool(spec.feedEnabled), "createable": true, "updateable": true, "deletable": true, "layoutable": true,
            "urls": ["sobject": .string(base), "describe": .string(base + "/describe"), "rowTemplate": .string(base + "/{ID}")],
        ]
    }

    private static func field(_ field: SalesforceFieldSpec) -> JSONValue {
        [
            "name": .string(field.name), "label": .string(field.name), "type": .string(field.kind.rawValue),
            "nameField": .bool(field.nameField), "autoNumber": .bool(field.autoNumber),
            "relationshipName": field.relationshipName.map { .string($0) } ?? .null,
            "referenceTo": .array(field.referenceTo.map { [.string($0)] } ?? []), "filterable": .bool(field.filterable),
            "sortable": .bool(field.filterable), "nillable": .bool(field.kind != .id), "length": field.kind == .id ? 18 : 255,
        ]
    }
}
