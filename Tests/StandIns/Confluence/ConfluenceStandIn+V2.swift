import ConnectorModel
import Foundation
import HTTPTypes
import Hummingbird

extension ConfluenceStandIn {
    func addV2Routes(to group: RouterGroup<BasicRequestContext>) {
        group.get("api/v2/spaces") { request, context in
            try await self.serve(request, context, scope: "read:space:confluence") {
                let spaces = self.state.withLock { $0.spaces }.sorted { $0.id < $1.id }
                return try self.list(request, path: "/wiki/api/v2/spaces", listing: "spaces", spaces.map(self.space))
            }
        }
        group.get("api/v2/spaces/:id/pages") { request, context in
            try await self.serve(request, context, scope: "read:page:confluence") {
                guard let id = context.parameters.get("id", as: Int.self), self.state.withLock({ $0.spaces.contains { $0.id == id } }) else {
                    return try Self.notFound()
                }
                return try self.pages(request, path: "/wiki/api/v2/spaces/\(id)/pages", { $0.spaceId == id })
            }
        }
        group.get("api/v2/pages") { request, context in
            try await self.serve(request, context, scope: "read:page:confluence") { try self.pages(request, path: "/wiki/api/v2/pages", { _ in true }) }
        }
        group.get("api/v2/pages/:id/footer-comments") { request, context in
            try await self.serve(request, context, scope: "read:comment:confluence") {
                guard let id = context.parameters.get("id", as: Int.self), self.state.withLock({ $0.pages.contains { $0.id == id } }) else {
                    return try Self.notFound()
                }
                let withBody = request.uri.queryParameters["body-format"] == "storage"
                let sort = request.uri.queryParameters["sort"].map(String.init) ?? "created-date"
                guard let order = Self.commentOrder(sort) else { return try Self.badRequest("Invalid sort \(sort)") }
                let comments = self.state.withLock { $0.comments.filter { $0.pageId == id } }.sorted(by: order)
                return try self.list(request, path: "/wiki/api/v2/pages/\(id)/footer-comments", listing: "comments:\(id):\(sort):\(withBody)",
                                     comments.map { self.comment($0, withBody: withBody) })
            }
        }
    }

    private func pages(_ request: Request, path: String, _ include: (ConfluencePageRecord) -> Bool) throws -> Response {
        let withBody = request.uri.queryParameters["body-format"] == "storage"
        let sort = request.uri.queryParameters["sort"].map(String.init) ?? "id"
        guard let order = Self.pageOrder(sort) else { return try Self.badRequest("Invalid sort \(sort)") }
        let pages = state.withLock { $0.pages.filter(include) }.sorted(by: order)
        return try list(request, path: path, listing: "\(path):\(sort):\(withBody)", pages.map { page($0, withBody: withBody) })
    }

    /// One page of a cursor-paged listing: `limit` 1...250 (default 25), the
    /// cursor tied to its listing, `_links.next` and/or `Link: <...>; rel="next"`.
    func list(_ request: Request, path: String, listing: String, _ results: [JSONValue]) throws -> Response {
        let query = request.uri.queryParameters
        let limit = query["limit"].flatMap { Int($0) } ?? 25
        guard (1...250).contains(limit) else { return try Self.badRequest("limit must be between 1 and 250") }
        let cursor = query["cursor"].map(String.init)
        let outcome: (offset: Int, next: String?, style: ConfluenceLinkStyle)? = state.withLock { state in
            var offset = 0
            if let cursor {
                guard let saved = state.cursors[cursor], saved.listing == listing else { return nil }
                offset = saved.offset
            }
            guard offset + limit < results.count else { return (offset, nil, state.linkStyle) }
            let token = OpenSSLTool.base64url(Array("\(listing)|\(offset + limit)|".utf8) + (0..<8).map { _ in UInt8.random(in: 0...255) })
            state.cursors[token] = (listing, offset + limit)
            return (offset, token, state.linkStyle)
        }
        guard let outcome else { return try Self.badRequest("The cursor is invalid or expired.") }
        var links: [String: JSONValue] = ["base": .string(wikiBase)]
        var headers = HTTPFields()
        if let next = outcome.next {
            var kept = [("limit", String(limit)), ("cursor", next)]
            for name in ["sort", "body-format"] { if let value = query[name[...]] { kept.insert((name, String(value)), at: 0) } }
            let relative = path + "?" + kept.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
            if outcome.style != .headerOnly { links["next"] = .string(relative) }
            if outcome.style != .bodyOnly { headers[HTTPField.Name("Link")!] = "<\(relative)>; rel=\"next\", <\(wikiBase)>; rel=\"base\"" }
        }
        let page = Array(results.dropFirst(outcome.offset).prefix(limit))
        return try StandInResponses.json(["results": .array(page), "_links": .object(links)] as JSONValue, headers: headers)
    }

    static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? value
    }

    static func badRequest(_ message: String) throws -> Response {
        try StandInResponses.json(["errors": [["status": 400, "code": "INVALID_REQUEST_PARAMETER", "title": .string(message), "detail": nil]]] as JSONValue, status: .badRequest)
    }

    static func notFound() throws -> Response {
        try StandInResponses.json(["errors": [["status": 404, "code": "NOT_FOUND", "title": "Not Found", "detail": nil]]] as JSONValue, status: .notFound)
    }
}
