import ConnectorSDK

/// A project key (`PROJ`) or numeric project id from client input, checked
/// so it can only ever be a value inside JQL.
struct ProjectKey: Sendable, Equatable {
    let value: String

    init(_ input: String?) throws {
        guard let input, Self.isKey(input) || Self.isId(input) else {
            throw ErrorDocument(
                code: ErrorDocument.Code.invalidInput,
                message: "containerId must be a Jira project key (letters, digits, underscores, starting with a letter) or a numeric project id.")
        }
        value = input
    }

    /// Jira's rule for keys: a letter, then letters, digits or underscores.
    static func isKey(_ text: some StringProtocol) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter, text.count <= 255 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    private static func isId(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 18 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
