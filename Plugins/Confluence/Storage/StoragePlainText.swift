/// Renders Confluence storage format as plain text: tags stripped, entities
/// decoded, whitespace collapsed as a browser would, paragraphs and headings
/// separated by blank lines, list items (`- `, `1. `) and table rows on their
/// own lines, code (CDATA, `<pre>`) kept verbatim, links as `text (url)`,
/// user mentions as `@account-id`. Macro parameters are settings, not text,
/// and are dropped.
enum StoragePlainText {
    static func render(_ storage: String) -> String {
        var renderer = StorageRenderer()
        for token in StorageTokens.split(storage) { renderer.consume(token) }
        return renderer.finish()
    }
}

/// The rendering state machine: one token at a time into a `PlainTextWriter`.
struct StorageRenderer {
    private var writer = PlainTextWriter()
    private var lists: [(ordered: Bool, count: Int)] = []
    /// Depth inside elements whose content is dropped.
    private var skipping = 0
    private var preformatted = 0
    private var link: (href: String, start: Int)?
    private var cellsInRow = 0
    private var cellDepth = 0

    /// Elements whose content is not text a reader sees.
    private static let skipped: Set<String> = ["ac:parameter", "ac:placeholder", "script", "style", "head", "title"]

    /// Block elements and the line breaks around them (2: a blank line).
    private static let blocks: [String: Int] = [
        "p": 2, "h1": 2, "h2": 2, "h3": 2, "h4": 2, "h5": 2, "h6": 2, "blockquote": 2, "table": 2, "div": 1, "ac:structured-macro": 2,
        "ac:layout-section": 2, "ac:layout-cell": 2, "ac:task": 1, "hr": 2,
    ]

    mutating func consume(_ token: StorageTokens.Token) {
        switch token {
        case .open(let name, let attributes, let selfClosing):
            if skipping > 0 || Self.skipped.contains(name) {
                if !selfClosing { skipping += 1 }
            } else {
                open(name, attributes, selfClosing: selfClosing)
            }
        case .close(let name):
            if skipping > 0 { skipping -= 1 } else { close(name) }
        case .text(let text):
            if skipping == 0 { writer.text(HTMLEntities.decode(text), preformatted: preformatted > 0) }
        case .cdata(let text):
            if skipping == 0 { writer.text(text, preformatted: true) }
        }
    }

    func finish() -> String {
        writer.finish()
    }

    private mutating func open(_ name: String, _ attributes: [String: String], selfClosing: Bool) {
        switch name {
        case "br":
            writer.lineBreak()
        case "ul", "ol":
            lists.append((name == "ol", 0))
            writer.block(lists.count == 1 ? 2 : 1)
        case "li":
            writer.block(1)
            guard var list = lists.popLast() else { return }
            list.count += 1
            lists.append(list)
            writer.marker(String(repeating: "  ", count: lists.count - 1) + (list.ordered ? "\(list.count). " : "- "))
        case "tr":
            writer.block(1)
            cellsInRow = 0
        case "td", "th":
            if cellsInRow > 0 { writer.marker(" | ") }
            cellsInRow += 1
            if !selfClosing { cellDepth += 1 }
        case "pre" where !selfClosing:
            writer.block(2)
            preformatted += 1
        case "a":
            link = (attributes["href"] ?? "", writer.count)
        case "ri:user":
            writer.text("@" + (attributes["ri:account-id"] ?? attributes["ri:username"] ?? "user"), preformatted: true)
        default:
            if let wanted = Self.blocks[name] { writer.block(breaks(wanted)) }
        }
    }

    private mutating func close(_ name: String) {
        switch name {
        case "ul", "ol":
            _ = lists.popLast()
            writer.block(lists.isEmpty ? 2 : 1)
        case "pre":
            preformatted = max(0, preformatted - 1)
            writer.block(2)
        case "a":
            if let open = link, !open.href.isEmpty, writer.text(since: open.start) != open.href { writer.text(" (\(open.href))", preformatted: true) }
            link = nil
        case "td", "th":
            cellDepth = max(0, cellDepth - 1)
        default:
            if let wanted = Self.blocks[name] { writer.block(breaks(wanted)) }
        }
    }

    /// Paragraphs inside list items are lines; inside table cells, inline.
    private func breaks(_ wanted: Int) -> Int {
        cellDepth > 0 ? 0 : lists.isEmpty ? wanted : 1
    }
}
