import AtlassianCloud
import ConnectorSDK

/// Confluence objects in the unified shapes; timestamps normalized to RFC 3339 UTC.
enum ConfluenceMapping {
    static func container(_ space: Raw<ConfluenceSpace>, wiki: String?, includeRaw: Bool) -> Container {
        let value = space.value
        return Container(
            id: value.id, name: value.name ?? value.key ?? value.id, kind: "space", url: link(wiki, value.links?.webui), updatedAt: nil,
            raw: space.raw(if: includeRaw))
    }

    static func item(_ page: ConfluencePage, containerId: String?, wiki: String?, raw: JSONValue?) -> Item {
        Item(
            id: page.id, containerId: page.spaceId ?? containerId ?? "", title: page.title ?? "", kind: "page", status: page.status,
            author: person(page.authorId), url: link(wiki, page.links?.webui), createdAt: AtlassianTimestamp.normalize(page.createdAt),
            updatedAt: AtlassianTimestamp.normalize(page.version?.createdAt), raw: raw)
    }

    /// A footer comment; its creation time is known only while it has one version.
    static func comment(_ comment: ConfluenceComment, itemId: String, wiki: String?, raw: JSONValue?) -> Comment {
        let updated = AtlassianTimestamp.normalize(comment.version?.createdAt)
        return Comment(
            id: comment.id, itemId: comment.pageId ?? itemId, author: person(comment.version?.authorId),
            body: StoragePlainText.render(comment.body?.storage?.value ?? ""), createdAt: comment.version?.number == 1 ? updated : nil, updatedAt: updated,
            url: link(wiki, comment.links?.webui), raw: raw)
    }

    /// v2 names people only by account id; the id stands in for the name
    /// rather than a lookup per person on every page.
    static func person(_ accountId: String?) -> Person? {
        accountId.map { Person(id: $0, displayName: $0) }
    }

    /// `webui` links are relative to the wiki (`/spaces/ENG/pages/1`).
    private static func link(_ wiki: String?, _ webui: String?) -> String? {
        guard let wiki, let webui, webui.hasPrefix("/") else { return nil }
        return wiki + webui
    }
}
