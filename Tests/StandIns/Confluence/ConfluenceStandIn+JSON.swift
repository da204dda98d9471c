import ConnectorModel

extension ConfluenceStandIn {
    func space(_ space: ConfluenceSpaceRecord) -> JSONValue {
        [
            "id": .string(String(space.id)), "key": .string(space.key), "name": .string(space.name), "type": .string(space.type), "status": "current",
            "authorId": .string(space.authorId), "createdAt": .string(AtlassianTime.confluence(space.createdAt)),
            "homepageId": .string(String(space.homepageId)), "_links": ["webui": .string("/spaces/\(space.key)")],
        ]
    }

    /// `PageBulk`; top-level pages omit `parentId` (the schema does not allow null there).
    func page(_ page: ConfluencePageRecord, withBody: Bool) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(String(page.id)), "status": "current", "title": .string(page.title), "spaceId": .string(String(page.spaceId)),
            "position": .number(Double(page.id % 1000)), "authorId": .string(page.authorId), "ownerId": .string(page.authorId), "lastOwnerId": nil,
            "createdAt": .string(AtlassianTime.confluence(page.createdAt)),
            "version": version(page.version, page.versionCreatedAt, page.versionAuthorId),
            "body": withBody ? ["storage": ["representation": "storage", "value": .string(page.body)]] : [:],
            "_links": [
                "webui": .string("/spaces/\(spaceKey(page.spaceId))/pages/\(page.id)"), "editui": .string("/pages/resumedraft.action?draftId=\(page.id)"),
                "tinyui": .string("/x/\(page.id)"),
            ],
        ]
        if let parent = page.parentId {
            object["parentId"] = .string(String(parent))
            object["parentType"] = "page"
        }
        return .object(object)
    }

    func comment(_ comment: ConfluenceCommentRecord, withBody: Bool) -> JSONValue {
        [
            "id": .string(String(comment.id)), "status": "current", "title": "Re: Design note 1", "pageId": .string(String(comment.pageId)),
            "version": version(comment.version, comment.versionCreatedAt, comment.authorId),
            "body": withBody ? ["storage": ["representation": "storage", "value": .string(comment.body)]] : [:],
            "_links": ["webui": .string("/spaces/ENG/pages/\(comment.pageId)?focusedCommentId=\(comment.id)")],
        ]
    }

    private func version(_ number: Int, _ at: Int64, _ author: String) -> JSONValue {
        ["createdAt": .string(AtlassianTime.confluence(at)), "message": "", "number": .number(Double(number)), "minorEdit": false, "authorId": .string(author)]
    }

    private func spaceKey(_ id: Int) -> String {
        state.withLock { $0.spaces.first { $0.id == id }?.key } ?? "UNKNOWN"
    }

    /// `PageSortOrder`: id, created-date, modified-date, title, each ascending or `-` descending; ties by id.
    static func pageOrder(_ sort: String) -> ((ConfluencePageRecord, ConfluencePageRecord) -> Bool)? {
        let descending = sort.hasPrefix("-")
        let key: (ConfluencePageRecord) -> (Int64, String, Int)
        switch descending ? String(sort.dropFirst()) : sort {
        case "id": key = { (0, "", $0.id) }
        case "created-date": key = { ($0.createdAt, "", $0.id) }
        case "modified-date": key = { ($0.versionCreatedAt, "", $0.id) }
        case "title": key = { (0, $0.title, $0.id) }
        default: return nil
        }
        return { lhs, rhs in
            let (a, b) = (key(lhs), key(rhs))
            if (a.0, a.1) == (b.0, b.1) { return a.2 < b.2 }
            return descending ? (a.0, a.1) > (b.0, b.1) : (a.0, a.1) < (b.0, b.1)
        }
    }

    /// `CommentSortOrder`: created-date or modified-date, ascending or descending.
    static func commentOrder(_ sort: String) -> ((ConfluenceCommentRecord, ConfluenceCommentRecord) -> Bool)? {
        switch sort {
        case "created-date", "modified-date": return { ($0.versionCreatedAt, $0.id) < ($1.versionCreatedAt, $1.id) }
        case "-created-date", "-modified-date": return { ($0.versionCreatedAt, $0.id) > ($1.versionCreatedAt, $1.id) }
        default: return nil
        }
    }
}
