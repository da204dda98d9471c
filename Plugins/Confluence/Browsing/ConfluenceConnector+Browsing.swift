import AtlassianCloud
import ConnectorSDK

extension ConfluenceConnector: BrowsingConnector {
    /// Spaces, by id.
    public func containers(_ request: ListRequest, _ context: CallContext) async throws -> Page<Container> {
        let api = try ConfluenceAPI(context)
        let position = try ConfluenceCursor.resume(request.cursor, list: "spaces")
        let listing = try await api.spaces(limit: request.limit, cursor: position?.cursor, keepingRaw: request.includeRaw)
        let wiki = listing.base ?? api.wikiURL
        return Page(
            items: listing.results.map { ConfluenceMapping.container($0, wiki: wiki, includeRaw: request.includeRaw) },
            nextCursor: try ConfluenceCursor.next(listing.next, list: "spaces"))
    }

    /// Pages of a space, most recently edited first; with `updatedSince`,
    /// the list ends at the first page edited before it.
    public func items(_ request: ListRequest, _ context: CallContext) async throws -> Page<Item> {
        let api = try ConfluenceAPI(context)
        let space = try SpaceID(request.containerId)
        let list = "pages:\(space.value)"
        let position = try ConfluenceCursor.resume(request.cursor, list: list)
        var since = position?.since
        if position == nil, let updatedSince = request.updatedSince {
            guard let instant = AtlassianTimestamp(parsing: updatedSince) else {
                throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "updatedSince must be an RFC 3339 timestamp.")
            }
            since = instant.epochMilliseconds
        }
        let listing = try await api.pages(space: space, sort: "-modified-date", limit: request.limit, cursor: position?.cursor, keepingRaw: request.includeRaw)
        let wiki = listing.base ?? api.wikiURL
        var items: [Item] = []
        var reachedOlder = false
        for page in listing.results {
            if let since, let edited = page.value.version?.createdAt.flatMap(AtlassianTimestamp.init(parsing:)), edited.epochMilliseconds < since {
                reachedOlder = true
                break
            }
            items.append(ConfluenceMapping.item(page.value, containerId: space.value, wiki: wiki, raw: page.raw(if: request.includeRaw)))
        }
        return Page(items: items, nextCursor: reachedOlder ? nil : try ConfluenceCursor.next(listing.next, list: list, since: since))
    }

    /// Footer comments of a page, oldest first; storage bodies rendered as plain text.
    public func comments(_ request: ListRequest, _ context: CallContext) async throws -> Page<Comment> {
        let api = try ConfluenceAPI(context)
        let page = try PageID(request.itemId)
        let list = "comments:\(page.value)"
        let position = try ConfluenceCursor.resume(request.cursor, list: list)
        let listing = try await api.footerComments(page: page, limit: request.limit, cursor: position?.cursor, keepingRaw: request.includeRaw)
        let wiki = listing.base ?? api.wikiURL
        return Page(
            items: listing.results.map { ConfluenceMapping.comment($0.value, itemId: page.value, wiki: wiki, raw: $0.raw(if: request.includeRaw)) },
            nextCursor: try ConfluenceCursor.next(listing.next, list: list))
    }
}
