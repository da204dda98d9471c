import ConnectorModel
import Hummingbird

import struct Foundation.Date

/// `GET /api/connectors/{id}/containers|items|comments`: the same three
/// resource kinds, shapes and opaque cursors for every connector.
struct BrowseRoutes {
    let services: AppServices

    func register(on group: RouterGroup<HostRequestContext>) {
        group.get("connectors/{id}/containers", use: containers)
        group.get("connectors/{id}/items", use: items)
        group.get("connectors/{id}/comments", use: comments)
    }

    @Sendable func containers(_ request: Request, context: HostRequestContext) async throws -> Envelope<Page<Container>> {
        Envelope(try await browse(.listContainers, request, context, requires: nil))
    }

    @Sendable func items(_ request: Request, context: HostRequestContext) async throws -> Envelope<Page<Item>> {
        Envelope(try await browse(.listItems, request, context, requires: "containerId"))
    }

    @Sendable func comments(_ request: Request, context: HostRequestContext) async throws -> Envelope<Page<Comment>> {
        Envelope(try await browse(.listComments, request, context, requires: "itemId"))
    }

    private func browse<Element: Codable & Sendable>(
        _ operation: Operation, _ request: Request, _ context: HostRequestContext, requires parameter: String?
    ) async throws -> Page<Element> {
        let tenantId = try context.requireTenant()
        let query = request.uri.queryParameters
        guard let connectionId = query["connectionId"].map(String.init), !connectionId.isEmpty else {
            throw APIError.invalidRequest("connectionId is required.", details: ["field": "connectionId"])
        }
        if let parameter, (query[Substring(parameter)] ?? "").isEmpty {
            throw APIError.invalidRequest("\(parameter) is required.", details: ["field": .string(parameter)])
        }
        let connection = try await services.connections.usableConnection(connectionId, of: try context.parameters.require("id"), tenantId: tenantId)
        let paging = try Paging(query)
        var updatedSince: String?
        if let text = query["updatedSince"].map(String.init) {
            guard Timestamps.parse(text) != nil else {
                throw APIError.invalidRequest("updatedSince must be an RFC 3339 timestamp.", details: ["field": "updatedSince"])
            }
            updatedSince = text
        }
        let listing = ListRequest(
            containerId: query["containerId"].map(String.init), itemId: query["itemId"].map(String.init), limit: paging.limit,
            cursor: paging.after, updatedSince: updatedSince, includeRaw: query["includeRaw"] == "true")
        return try await services.connected.call(connection, operation, input: listing, requestId: context.requestId, as: Page<Element>.self)
    }
}
