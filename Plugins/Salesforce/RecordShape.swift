import ConnectorSDK

/// Which fields of an sObject become an `Item`, chosen from its describe: the
/// title (the name field, or `Subject` when the name is an auto-number such as
/// `CaseNumber`), the dates, the author and a status where the object has one.
struct RecordShape: Sendable {
    let object: String
    let titleField: String?
    /// An auto-number name field shown as the item's key (`CaseNumber`).
    let keyField: String?
    let statusField: String?
    /// The reference to the author and the relationship to read their name through.
    let author: (idField: String, relationship: String)?
    let hasCreatedDate: Bool
    let hasLastModifiedDate: Bool
    /// `SystemModstamp`, which changes on every write (including system ones): the sync cursor.
    let hasSystemModstamp: Bool

    init(_ describe: SObjectDescribe) {
        object = describe.name
        let nameField = describe.fields.first { $0.nameField }
        if let nameField, nameField.autoNumber, describe.field("Subject") != nil {
            titleField = "Subject"
            keyField = nameField.name
        } else {
            titleField = nameField?.name ?? ["Name", "Subject", "Title"].first { describe.field($0) != nil }
            keyField = nil
        }
        statusField = ["Status", "StageName"].first { describe.field($0) != nil }
        author = ["CreatedById", "OwnerId"].lazy.compactMap { name in
            describe.field(name).flatMap { field in field.relationshipName.map { (name, $0) } }
        }.first
        hasCreatedDate = describe.field("CreatedDate") != nil
        hasLastModifiedDate = describe.field("LastModifiedDate") != nil
        hasSystemModstamp = describe.field("SystemModstamp") != nil
    }

    /// The SELECT list, every entry a known field of the describe.
    var selectList: [String] {
        var fields = ["Id"]
        fields += [keyField, titleField, statusField].compactMap { $0 }
        if hasCreatedDate { fields.append("CreatedDate") }
        if hasLastModifiedDate { fields.append("LastModifiedDate") }
        if hasSystemModstamp { fields.append("SystemModstamp") }
        if let author { fields += [author.idField, "\(author.relationship).Name"] }
        return fields
    }

    /// The field `updatedSince` filters on.
    var changeField: String? {
        hasSystemModstamp ? "SystemModstamp" : hasLastModifiedDate ? "LastModifiedDate" : nil
    }

    /// The normalized item of one query record.
    func item(_ record: JSONValue, instance: HTTPOrigin, includeRaw: Bool) throws -> Item {
        guard let id = record["Id"]?.stringValue else {
            throw ErrorDocument(code: ErrorDocument.Code.upstreamBadResponse, message: "Salesforce returned a \(object) record without an Id.")
        }
        let title = titleField.flatMap { record[$0]?.stringValue } ?? id
        let person = author.flatMap { author in
            record[author.relationship]?["Name"]?.stringValue.map {
                Person(id: record[author.idField]?.stringValue, displayName: $0)
            }
        }
        return Item(
            id: id, containerId: object, key: keyField.flatMap { record[$0]?.stringValue }, title: title, kind: object,
            status: statusField.flatMap { record[$0]?.stringValue }, author: person,
            url: "\(instance.url)/lightning/r/\(object)/\(id)/view",
            createdAt: record.timestamp("CreatedDate"),
            updatedAt: record.timestamp("LastModifiedDate") ?? record.timestamp("SystemModstamp"),
            raw: includeRaw ? record : nil)
    }
}

extension JSONValue {
    /// A Salesforce dateTime member as RFC 3339, or nil when absent or unreadable.
    func timestamp(_ field: String) -> String? {
        self[field]?.stringValue.flatMap(SalesforceDateTime.init)?.rfc3339
    }
}
