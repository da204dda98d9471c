import ConnectorSDK

/// Where a record's comments live: a Case has CaseComments; any other
/// feed-enabled record has Chatter FeedComments. Both are read with SOQL
/// (`WHERE ParentId = '<record>'`); the Chatter REST resources in Salesforce's
/// request collection only post and edit comments.
struct CommentSource: Sendable {
    /// The sObject queried: `CaseComment` or `FeedComment`.
    let object: String
    let isCase: Bool

    /// `object` is the record's sObject when the client named it; otherwise the
    /// Case key prefix "500" of the Id decides.
    init(object: String?, itemId: String) {
        isCase = object.map { $0 == "Case" } ?? itemId.hasPrefix("500")
        self.object = isCase ? "CaseComment" : "FeedComment"
    }

    /// The fields each object has, per the Object Reference.
    var query: SOQLQuery {
        let fields =
            isCase
            ? ["Id", "ParentId", "CommentBody", "IsPublished", "CreatedDate", "CreatedById", "CreatedBy.Name", "LastModifiedDate"]
            : ["Id", "ParentId", "FeedItemId", "CommentBody", "IsRichText", "CreatedDate", "CreatedById", "CreatedBy.Name", "LastEditDate"]
        return SOQLQuery(fields: fields, object: object, orderBy: ["CreatedDate", "Id"])
    }

    /// What `updatedSince` filters on: FeedComment has no LastModifiedDate, and
    /// an edit of a feed comment sets LastEditDate only.
    var changeField: String { isCase ? "LastModifiedDate" : "CreatedDate" }

    func comment(_ record: JSONValue, includeRaw: Bool) throws -> Comment {
        guard let id = record["Id"]?.stringValue, let parent = record["ParentId"]?.stringValue else {
            throw ErrorDocument(
                code: ErrorDocument.Code.upstreamBadResponse, message: "Salesforce returned a \(object) without an Id or ParentId.")
        }
        let text = record["CommentBody"]?.stringValue ?? ""
        let body = record["IsRichText"]?.boolValue == true ? PlainText.fromHTML(text) : text
        let author = record["CreatedBy"]?["Name"]?.stringValue.map { Person(id: record["CreatedById"]?.stringValue, displayName: $0) }
        return Comment(
            id: id, itemId: parent, author: author, body: body, createdAt: record.timestamp("CreatedDate"),
            updatedAt: record.timestamp(isCase ? "LastModifiedDate" : "LastEditDate") ?? record.timestamp("CreatedDate"),
            raw: includeRaw ? record : nil)
    }
}

/// Chatter rich text (a small HTML subset) as plain text.
enum PlainText {
    static func fromHTML(_ html: String) -> String {
        var text = ""
        var inTag = false
        var tag = ""
        for character in html {
            if inTag {
                if character == ">" {
                    inTag = false
                    // Paragraphs and line breaks separate lines of the plain text.
                    let name = tag.lowercased().split(separator: " ").first.map { $0.hasSuffix("/") ? $0.dropLast() : $0 } ?? ""
                    if name == "br" || name == "/p" || name == "/li" { text += "\n" }
                } else {
                    tag.append(character)
                }
            } else if character == "<" {
                inTag = true
                tag = ""
            } else {
                text.append(character)
            }
        }
        let entities = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")]
        for (entity, character) in entities { text = text.replacing(entity, with: character) }
        return String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
