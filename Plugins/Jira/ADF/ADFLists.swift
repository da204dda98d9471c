import ConnectorSDK

/// Lists: one line per item with its marker; an item's further lines and
/// nested lists are indented under the marker.
enum ADFLists {
    static func render(_ items: [JSONValue], marker: (Int) -> String) -> String {
        items.enumerated().map { index, item in
            let prefix = marker(index)
            let lines = ADFPlainText.block(item).split(separator: "\n", omittingEmptySubsequences: false)
            let indent = String(repeating: " ", count: max(prefix.count, 2))
            return lines.enumerated().map { $0 == 0 ? prefix + $1 : indent + $1 }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
