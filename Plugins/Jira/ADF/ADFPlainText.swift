import AtlassianCloud
import ConnectorSDK

/// Renders an Atlassian Document Format document (Jira v3 comment bodies) as
/// plain text: blocks separated by blank lines, list items on their own
/// lines (`- `, `1. `, `[x] `), quotes prefixed `> `, code kept verbatim,
/// links as `text (url)`, mentions and emoji by their text. Unknown nodes
/// fall back to their children, so new node types lose styling, not words.
enum ADFPlainText {
    static func render(_ document: JSONValue) -> String {
        if let text = document.stringValue { return text }  // older payloads send wiki markup as a string
        return trimmingTrailingWhitespace(blocks(document["content"]?.arrayValue ?? [], separator: "\n\n"))
    }

    /// Block nodes, each rendered and joined by `separator`.
    static func blocks(_ nodes: [JSONValue], separator: String) -> String {
        nodes.map(block).filter { !$0.isEmpty }.joined(separator: separator)
    }

    static func block(_ node: JSONValue) -> String {
        let children = node["content"]?.arrayValue ?? []
        switch node["type"]?.stringValue {
        case "paragraph", "heading":
            return inline(children)
        case "bulletList":
            return ADFLists.render(children, marker: { _ in "- " })
        case "orderedList":
            let start = node["attrs"]?["order"]?.intValue ?? 1
            return ADFLists.render(children, marker: { "\(start + $0). " })
        case "taskList":
            return ADFLists.render(children, marker: { _ in "" })
        case "taskItem", "decisionItem":
            let done = node["attrs"]?["state"]?.stringValue == "DONE" || node["attrs"]?["state"]?.stringValue == "DECIDED"
            return (done ? "[x] " : "[ ] ") + inline(children)
        case "listItem":
            return blocks(children, separator: "\n")
        case "codeBlock":
            return children.compactMap { $0["text"]?.stringValue }.joined()
        case "blockquote":
            return blocks(children, separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
        case "rule":
            return "---"
        case "table":
            return children.map(tableRow).joined(separator: "\n")
        case "mediaSingle", "mediaGroup", "media":
            return "[attachment]"
        case "text", "hardBreak", "mention", "emoji", "inlineCard", "status", "date":
            return inline([node])
        default:
            // panel, expand, layoutSection, decisionList and whatever comes next: keep the words.
            return children.allSatisfy(ADFInline.isInline) ? inline(children) : blocks(children, separator: "\n\n")
        }
    }

    static func inline(_ nodes: [JSONValue]) -> String {
        nodes.map(ADFInline.render).joined()
    }

    private static func tableRow(_ row: JSONValue) -> String {
        (row["content"]?.arrayValue ?? []).map { blocks($0["content"]?.arrayValue ?? [], separator: " ") }.joined(separator: " | ")
    }

    private static func trimmingTrailingWhitespace(_ text: String) -> String {
        var result = Substring(text)
        while result.last?.isWhitespace == true { result = result.dropLast() }
        return String(result)
    }
}
