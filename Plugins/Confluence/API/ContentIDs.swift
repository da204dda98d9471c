import ConnectorSDK

/// A space id from client input; v2 ids are numbers, checked before they become a path segment.
struct SpaceID: Sendable, Equatable {
    let value: String

    init(_ input: String?) throws {
        value = try numeric(input, "containerId", "a Confluence space id (a number, as containers.list returns it)")
    }
}

/// A page id from client input.
struct PageID: Sendable, Equatable {
    let value: String

    init(_ input: String?) throws {
        value = try numeric(input, "itemId", "a Confluence page id (a number, as items.list returns it)")
    }
}

private func numeric(_ input: String?, _ field: String, _ what: String) throws -> String {
    guard let input, !input.isEmpty, input.count <= 18, input.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "\(field) must be \(what).")
    }
    return input
}
