import ConnectorSDK

/// An issue key (`PROJ-12`) or numeric id from client input, checked before
/// it becomes a URL path segment.
struct IssueReference: Sendable, Equatable {
    let value: String

    init(_ input: String?) throws {
        guard let input, Self.isKey(input) || Self.isId(input) else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "itemId must be a Jira issue key like PROJ-12 or a numeric issue id.")
        }
        value = input
    }

    /// True for a key, which `/browse/` links need (ids do not work there).
    var isKey: Bool { Self.isKey(value) }

    private static func isKey(_ text: String) -> Bool {
        guard let dash = text.lastIndex(of: "-") else { return false }
        return ProjectKey.isKey(text[..<dash]) && isId(text[text.index(after: dash)...])
    }

    private static func isId(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.count <= 18 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
