import ConnectorModel

/// Comment bodies in Atlassian Document Format, as Jira's editor writes them.
public enum JiraADFSamples {
    public static let all: [JSONValue] = [mentionAndEmoji, linkAndBreak, bulletList, orderedList, codeBlock, headingAndQuote, panelAndTable]

    static func doc(_ content: [JSONValue]) -> JSONValue {
        ["type": "doc", "version": 1, "content": .array(content)]
    }

    static func paragraph(_ content: [JSONValue]) -> JSONValue {
        ["type": "paragraph", "content": .array(content)]
    }

    static func text(_ value: String) -> JSONValue {
        ["type": "text", "text": .string(value)]
    }

    public static let mentionAndEmoji = doc([
        paragraph([
            text("Thanks "), ["type": "mention", "attrs": ["id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Ravi Raman", "accessLevel": ""]],
            text(", shipping it "), ["type": "emoji", "attrs": ["shortName": ":rocket:", "id": "1f680", "text": "🚀"]],
        ])
    ])

    public static let linkAndBreak = doc([
        paragraph([
            text("See the "), ["type": "text", "text": "runbook", "marks": [["type": "link", "attrs": ["href": "https://wiki.example.com/runbook"]]]],
            ["type": "hardBreak"], text("then restart."),
        ]),
        paragraph([text("Second paragraph.")]),
    ])

    public static let bulletList = doc([
        ["type": "bulletList", "content": [
            ["type": "listItem", "content": [paragraph([text("first")])]],
            ["type": "listItem", "content": [
                paragraph([text("second")]),
                ["type": "bulletList", "content": [["type": "listItem", "content": [paragraph([text("nested")])]]]],
            ]],
        ]]
    ])

    public static let orderedList = doc([
        ["type": "orderedList", "attrs": ["order": 3], "content": [
            ["type": "listItem", "content": [paragraph([text("three")])]], ["type": "listItem", "content": [paragraph([text("four")])]],
        ]]
    ])

    public static let codeBlock = doc([
        paragraph([text("Run:")]),
        ["type": "codeBlock", "attrs": ["language": "swift"], "content": [text("let x = 1\nprint(x)")]],
    ])

    public static let headingAndQuote = doc([
        ["type": "heading", "attrs": ["level": 2], "content": [text("Root cause")]],
        ["type": "blockquote", "content": [paragraph([text("It was DNS.")])]],
        ["type": "rule"],
    ])

    public static let panelAndTable = doc([
        ["type": "panel", "attrs": ["panelType": "info"], "content": [paragraph([text("Heads up")])]],
        ["type": "table", "content": [
            ["type": "tableRow", "content": [
                ["type": "tableHeader", "content": [paragraph([text("Host")])]], ["type": "tableHeader", "content": [paragraph([text("State")])]],
            ]],
            ["type": "tableRow", "content": [
                ["type": "tableCell", "content": [paragraph([text("db1")])]], ["type": "tableCell", "content": [paragraph([text("up")])]],
            ]],
        ]],
    ])
}
