import AtlassianCloud
import ConnectorSDK

/// Confluence Cloud REST calls, below the connection's base (gateway or site).
struct ConfluenceAPI: Sendable {
    let client: AtlassianClient

    init(_ context: CallContext) throws {
        client = try AtlassianClient(context, product: .confluence)
    }

    init(_ client: AtlassianClient) {
        self.client = client
    }

    /// The wiki's own URL, for links people open: `<site>/wiki`, when the connection knows its site.
    var wikiURL: String? { client.connection.siteURL.map { $0 + "/wiki" } }

    /// One page of a v2 listing and the provider's cursor for the next.
    struct Listing<Element: Decodable & Sendable>: Sendable {
        var results: [Raw<Element>]
        var next: String?
        /// `_links.base`, the wiki URL as Confluence writes it.
        var base: String?
    }

    func currentUser() async throws -> ConfluenceUser {
        try await client.get("/wiki/rest/api/user/current", what: "the Confluence current user")
    }

    func spaces(limit: Int, cursor: String?, keepingRaw: Bool) async throws -> Listing<ConfluenceSpace> {
        try await list("/wiki/api/v2/spaces", [("sort", "id")], limit: limit, cursor: cursor, keepingRaw: keepingRaw, what: "Confluence spaces")
    }

    /// Pages of one space, or of the whole site, sorted as asked (`id`, `-modified-date`, ...).
    func pages(space: SpaceID?, sort: String, limit: Int, cursor: String?, keepingRaw: Bool) async throws -> Listing<ConfluencePage> {
        let path = space.map { "/wiki/api/v2/spaces/\($0.value)/pages" } ?? "/wiki/api/v2/pages"
        return try await list(path, [("sort", sort)], limit: limit, cursor: cursor, keepingRaw: keepingRaw, what: "Confluence pages")
    }

    func footerComments(page: PageID, limit: Int, cursor: String?, keepingRaw: Bool) async throws -> Listing<ConfluenceComment> {
        try await list(
            "/wiki/api/v2/pages/\(page.value)/footer-comments", [("body-format", "storage"), ("sort", "created-date")], limit: limit, cursor: cursor,
            keepingRaw: keepingRaw, what: "Confluence comments of page \(page.value)")
    }

    private func list<Element: Decodable & Sendable>(
        _ path: String, _ query: [(String, String)], limit: Int, cursor: String?, keepingRaw: Bool, what: String
    ) async throws -> Listing<Element> {
        // Confluence pages hold at most 250.
        var parameters = query + [("limit", String(min(max(limit, 1), 250)))]
        if let cursor { parameters.append(("cursor", cursor)) }
        let response = try await client.send("GET", path, query: parameters, what: what)
        let page = try response.decode(ConfluenceList<Element>.self, userInfo: [.keepsRawJSON: keepingRaw])
        return Listing(results: page.results, next: NextCursor.from(bodyLink: page.links?.next, response: response), base: page.links?.base)
    }
}
