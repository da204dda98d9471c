import AtlassianCloud
import ConnectorSDK

/// Inline ADF nodes: text with its link mark, breaks, mentions, emoji, cards, statuses, dates.
enum ADFInline {
    static let types: Set<String> = ["text", "hardBreak", "mention", "emoji", "inlineCard", "status", "date", "mediaInline"]

    static func isInline(_ node: JSONValue) -> Bool {
        types.contains(node["type"]?.stringValue ?? "")
    }

    static func render(_ node: JSONValue) -> String {
        let attrs = node["attrs"]
        switch node["type"]?.stringValue {
        case "text":
            let text = node["text"]?.stringValue ?? ""
            let link = node["marks"]?.arrayValue?.first { $0["type"]?.stringValue == "link" }?["attrs"]?["href"]?.stringValue
            guard let link, link != text else { return text }
            return "\(text) (\(link))"
        case "hardBreak":
            return "\n"
        case "mention":
            let text = attrs?["text"]?.stringValue ?? attrs?["id"]?.stringValue ?? ""
            return text.hasPrefix("@") ? text : "@" + text
        case "emoji":
            return attrs?["text"]?.stringValue ?? attrs?["shortName"]?.stringValue ?? ""
        case "inlineCard":
            return attrs?["url"]?.stringValue ?? ""
        case "status":
            return attrs?["text"]?.stringValue ?? ""
        case "date":
            // ADF dates are epoch milliseconds as a string; people read a day.
            guard let millis = attrs?["timestamp"]?.stringValue.flatMap({ Int64($0) }) else { return "" }
            return String(AtlassianTimestamp(epochMilliseconds: millis).rfc3339.prefix(10))
        case "mediaInline":
            return "[attachment]"
        default:
            return ADFPlainText.inline(node["content"]?.arrayValue ?? []) + (node["text"]?.stringValue ?? "")
        }
    }
}
