import ConnectorSDK

/// Containers are queryable sObjects, items their records (SOQL), comments the
/// CaseComments of a Case or the Chatter FeedComments of any other record.
extension SalesforceConnector: BrowsingConnector {
    public func containers(_ request: ListRequest, _ context: CallContext) async throws -> Page<Container> {
        let api = try SalesforceAPI(context)
        let objects = try await api.describeGlobal().filter(\.queryable)
        // Describe Global is one response, so its pages are cut here.
        let offset = try request.cursor.map { try Cursor.decode($0, as: ListOffset.self) }?.offset ?? 0
        guard offset >= 0 else { throw ListOffset.foreign }
        let end = min(offset + max(1, request.limit), objects.count)
        let slice = offset < end ? Array(objects[offset..<end]) : []
        let describes = request.includeRaw ? try await api.describes(slice.map(\.name)) : [:]
        let containers = slice.map { object in
            Container(
                id: object.name, name: object.label, kind: "sobject", url: "\(api.instance.url)/lightning/o/\(object.name)/home",
                raw: request.includeRaw ? ["sobject": object.raw, "describe": describes[object.name] ?? .null] : nil)
        }
        return Page(items: containers, nextCursor: end < objects.count ? try Cursor.encode(ListOffset(offset: end)) : nil)
    }

    public func items(_ request: ListRequest, _ context: CallContext) async throws -> Page<Item> {
        let api = try SalesforceAPI(context)
        let shape = RecordShape(try await api.queryableDescribe(request.containerId))
        var query = SOQLQuery(fields: shape.selectList, object: shape.object, orderBy: ["Id"])
        let since = try request.updatedSince.map(Self.instant)
        if let since {
            guard let field = shape.changeField else {
                throw ErrorDocument(
                    code: ErrorDocument.Code.invalidInput, message: "\(shape.object) records carry no modification time to filter on.")
            }
            query.conditions.append("\(field) >= \(since.soqlLiteral)")
        }
        let scope = "items:\(shape.object):\(since?.rfc3339 ?? "")"
        let page = try await QueryPager(api: api).page(query, scope: scope, cursor: request.cursor, limit: request.limit)
        let items = try page.records.map { try shape.item($0, instance: api.instance, includeRaw: request.includeRaw) }
        return Page(items: items, nextCursor: page.nextCursor)
    }

    public func comments(_ request: ListRequest, _ context: CallContext) async throws -> Page<Comment> {
        let api = try SalesforceAPI(context)
        guard let itemId = request.itemId, !itemId.isEmpty else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "comments.list needs itemId, the record's Id.")
        }
        if let object = request.containerId, !SOQL.isIdentifier(object) {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "containerId must be an sObject API name such as Case.")
        }
        let source = CommentSource(object: request.containerId, itemId: itemId)
        var query = source.query
        query.conditions.append("ParentId = \(try SOQL.quote(itemId))")
        if let since = try request.updatedSince.map(Self.instant) {
            query.conditions.append("\(source.changeField) >= \(since.soqlLiteral)")
        }
        let scope = "comments:\(source.object):\(itemId):\(request.updatedSince ?? "")"
        let page = try await QueryPager(api: api).page(query, scope: scope, cursor: request.cursor, limit: request.limit)
        let comments = try page.records.map { try source.comment($0, includeRaw: request.includeRaw) }
        return Page(items: comments, nextCursor: page.nextCursor)
    }

    /// A client's RFC 3339 instant, re-formatted so nothing of the input reaches SOQL as is.
    static func instant(_ text: String) throws -> SalesforceDateTime {
        guard let instant = SalesforceDateTime(text) else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "updatedSince must be an RFC 3339 date-time.")
        }
        return instant
    }
}

/// The position in a list the connector pages itself.
struct ListOffset: Codable, Sendable {
    var offset: Int

    static let foreign = ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The cursor is not one this connector issued.")
}

extension SalesforceAPI {
    /// Describes of `objects` by name, four requests at a time.
    func describes(_ objects: [String]) async throws -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for start in stride(from: 0, to: objects.count, by: 4) {
            try await withThrowingTaskGroup(of: (String, JSONValue).self) { group in
                for object in objects[start..<min(start + 4, objects.count)] where SOQL.isIdentifier(object) {
                    group.addTask { (object, try await describe(object).raw) }
                }
                for try await (object, describe) in group { result[object] = describe }
            }
        }
        return result
    }
}
