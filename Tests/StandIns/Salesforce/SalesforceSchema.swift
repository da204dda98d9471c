import Foundation

/// One field of a stand-in sObject, with the describe properties the REST API
/// reports for it (sObject Describe, `fields[]`).
public struct SalesforceFieldSpec: Sendable {
    public enum Kind: String, Sendable {
        case id, string, textarea, datetime, reference, boolean, picklist
    }

    public let name: String
    public let kind: Kind
    public let nameField: Bool
    public let autoNumber: Bool
    /// For references: the relationship (`CreatedBy`) and the object it points to.
    public let relationshipName: String?
    public let referenceTo: String?

    public init(
        _ name: String, _ kind: Kind, nameField: Bool = false, autoNumber: Bool = false, relationshipName: String? = nil,
        referenceTo: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.nameField = nameField
        self.autoNumber = autoNumber
        self.relationshipName = relationshipName
        self.referenceTo = referenceTo
    }

    /// Salesforce cannot filter on long text (`textarea`).
    var filterable: Bool { kind != .textarea }
}

/// One stand-in sObject type and what Describe Global and Describe say about it.
public struct SalesforceObjectSpec: Sendable {
    public let name: String
    public let label: String
    public let keyPrefix: String
    public let queryable: Bool
    public let feedEnabled: Bool
    public let fields: [SalesforceFieldSpec]

    public init(name: String, label: String, keyPrefix: String, queryable: Bool = true, feedEnabled: Bool = false, fields: [SalesforceFieldSpec]) {
        self.name = name
        self.label = label
        self.keyPrefix = keyPrefix
        self.queryable = queryable
        self.feedEnabled = feedEnabled
        self.fields = fields
    }

    /// The field called `name`, matched case-insensitively as SOQL does.
    func field(_ name: String) -> SalesforceFieldSpec? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The reference field whose relationship is `name` (`CreatedBy` → `CreatedById`).
    func relationship(_ name: String) -> SalesforceFieldSpec? {
        fields.first { $0.relationshipName?.caseInsensitiveCompare(name) == .orderedSame }
    }
}

/// The objects of the stand-in org: a few standard objects with the fields the
/// Object Reference lists for them (trimmed), a custom object, an object that
/// cannot be queried, and one without audit fields.
public enum SalesforceSchema {
    static let audit: [SalesforceFieldSpec] = [
        SalesforceFieldSpec("Id", .id),
        SalesforceFieldSpec("CreatedDate", .datetime),
        SalesforceFieldSpec("CreatedById", .reference, relationshipName: "CreatedBy", referenceTo: "User"),
        SalesforceFieldSpec("LastModifiedDate", .datetime),
        SalesforceFieldSpec("LastModifiedById", .reference, relationshipName: "LastModifiedBy", referenceTo: "User"),
        SalesforceFieldSpec("SystemModstamp", .datetime),
    ]

    public static let objects: [SalesforceObjectSpec] = [
        SalesforceObjectSpec(
            name: "Account", label: "Account", keyPrefix: "001", feedEnabled: true,
            fields: audit + [
                SalesforceFieldSpec("Name", .string, nameField: true), SalesforceFieldSpec("Industry", .picklist),
                SalesforceFieldSpec("OwnerId", .reference, relationshipName: "Owner", referenceTo: "User"),
            ]),
        SalesforceObjectSpec(
            name: "Case", label: "Case", keyPrefix: "500", feedEnabled: true,
            fields: audit + [
                SalesforceFieldSpec("CaseNumber", .string, nameField: true, autoNumber: true), SalesforceFieldSpec("Subject", .string),
                SalesforceFieldSpec("Status", .picklist),
                SalesforceFieldSpec("AccountId", .reference, relationshipName: "Account", referenceTo: "Account"),
            ]),
        SalesforceObjectSpec(
            name: "Opportunity", label: "Opportunity", keyPrefix: "006", feedEnabled: true,
            fields: audit + [SalesforceFieldSpec("Name", .string, nameField: true), SalesforceFieldSpec("StageName", .picklist)]),
        SalesforceObjectSpec(
            name: "Invoice__c", label: "Invoice", keyPrefix: "a01",
            fields: audit + [SalesforceFieldSpec("Name", .string, nameField: true), SalesforceFieldSpec("Status__c", .picklist)]),
        SalesforceObjectSpec(
            name: "CaseComment", label: "Case Comment", keyPrefix: "00a",
            fields: audit + [
                SalesforceFieldSpec("ParentId", .reference, relationshipName: "Parent", referenceTo: "Case"),
                SalesforceFieldSpec("CommentBody", .textarea), SalesforceFieldSpec("IsPublished", .boolean),
            ]),
        SalesforceObjectSpec(
            name: "FeedComment", label: "Feed Comment", keyPrefix: "0D7",
            fields: [
                SalesforceFieldSpec("Id", .id), SalesforceFieldSpec("CreatedDate", .datetime),
                SalesforceFieldSpec("CreatedById", .reference, relationshipName: "CreatedBy", referenceTo: "User"),
                SalesforceFieldSpec("ParentId", .reference, relationshipName: "Parent", referenceTo: "Account"),
                SalesforceFieldSpec("FeedItemId", .reference), SalesforceFieldSpec("CommentBody", .textarea),
                SalesforceFieldSpec("IsRichText", .boolean), SalesforceFieldSpec("LastEditDate", .datetime),
            ]),
        SalesforceObjectSpec(
            name: "User", label: "User", keyPrefix: "005",
            fields: audit + [SalesforceFieldSpec("Name", .string, nameField: true), SalesforceFieldSpec("Username", .string)]),
        SalesforceObjectSpec(
            name: "AccountChangeEvent", label: "Account Change Event", keyPrefix: "1CE", queryable: false,
            fields: [SalesforceFieldSpec("Id", .id)]),
        SalesforceObjectSpec(
            name: "Vote", label: "Vote", keyPrefix: "00T",
            fields: [SalesforceFieldSpec("Id", .id), SalesforceFieldSpec("Type", .picklist)]),
    ]

    static func object(_ name: String) -> SalesforceObjectSpec? {
        objects.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    static func object(forId id: String) -> SalesforceObjectSpec? {
        objects.first { id.hasPrefix($0.keyPrefix) }
    }
}
