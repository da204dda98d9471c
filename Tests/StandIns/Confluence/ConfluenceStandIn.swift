import ConnectorModel
import Hummingbird
import Synchronization

/// Confluence Cloud REST v2 (spaces, pages, footer comments) and v1
/// (current user) for tests: the gateway form
/// `/ex/confluence/{cloudId}/wiki/...` with bearer tokens, and the site form
/// `/wiki/...` with basic e-mail:API token.
public final class ConfluenceStandIn: Sendable {
    public let identity: AtlassianIdentity
    public let faults = StandInFaults()
    /// `_links.base`: where the site's wiki lives.
    public let wikiBase: String
    let state = Mutex(ConfluenceState())

    public init(identity: AtlassianIdentity, wikiBase: String = "https://acme.atlassian.net/wiki") {
        self.identity = identity
        self.wikiBase = wikiBase
        state.withLock { ConfluenceSeed.fill(&$0, accountId: identity.account.accountId) }
    }

    public func addRoutes(to router: Router<BasicRequestContext>) {
        faults.add(to: router, onPathsContaining: "/wiki/")
        for prefix in ["ex/confluence/:cloudId/wiki", "wiki"] {
            let group = router.group(RouterPath(prefix))
            addV2Routes(to: group)
            group.get("rest/api/user/current") { request, context in
                try await self.serve(request, context, scope: "read:confluence-user") { try self.currentUser() }
            }
        }
    }

    // MARK: Test controls

    /// Chooses how the next page is announced.
    public func setLinkStyle(_ style: ConfluenceLinkStyle) {
        state.withLock { $0.linkStyle = style }
    }

    /// Forgets every cursor handed out, as after they expire.
    public func forgetCursors() {
        state.withLock { $0.cursors.removeAll() }
    }

    /// The pages of a space.
    public func pages(inSpace id: Int) -> [ConfluencePageRecord] {
        state.withLock { $0.pages.filter { $0.spaceId == id } }
    }

    /// Publishes a new version of a page at `millis`.
    public func editPage(_ id: Int, at millis: Int64) {
        state.withLock { state in
            guard let index = state.pages.firstIndex(where: { $0.id == id }) else { return }
            state.pages[index].version += 1
            state.pages[index].versionCreatedAt = millis
        }
    }

    /// Creates a page in a space at `millis` and returns its id.
    @discardableResult
    public func createPage(space: Int, title: String, at millis: Int64) -> Int {
        let author = identity.account.accountId
        return state.withLock { state in
            let id = state.nextPageId
            state.nextPageId += 1
            state.pages.append(
                ConfluencePageRecord(
                    id: id, spaceId: space, title: title, parentId: nil, authorId: author, createdAt: millis, version: 1, versionCreatedAt: millis,
                    versionAuthorId: author, body: "<p>\(title)</p>"))
            return id
        }
    }

    /// Authenticates for the route form and checks the scope, answering 401 like Confluence otherwise.
    func serve(_ request: Request, _ context: BasicRequestContext, scope: String, _ handler: () throws -> Response) async throws -> Response {
        guard let caller = AtlassianCaller.authenticate(request, identity: identity, route: .product(cloudId: context.parameters.get("cloudId"))) else {
            return try StandInResponses.json(["code": 401, "message": "Unauthorized"] as JSONValue, status: .unauthorized)
        }
        guard caller.allows(scope) else {
            return try StandInResponses.json(["code": 401, "message": "Unauthorized; scope does not match"] as JSONValue, status: .unauthorized)
        }
        return try handler()
    }

    private func currentUser() throws -> Response {
        let account = identity.account
        return try StandInResponses.json([
            "type": "known", "accountId": .string(account.accountId), "accountType": "atlassian", "email": .string(account.email),
            "publicName": .string(account.displayName), "displayName": .string(account.displayName), "timeZone": .string(account.timeZone),
            "profilePicture": ["path": .string("/wiki/aa-avatar/\(account.accountId)"), "width": 48, "height": 48, "isDefault": false],
            "isExternalCollaborator": false, "externalCollaborator": false,
            "_expandable": ["operations": "", "personalSpace": ""],
            "_links": ["self": .string("\(wikiBase)/rest/api/user?accountId=\(account.accountId)"), "base": .string(wikiBase), "context": "/wiki"],
        ] as JSONValue)
    }
}
