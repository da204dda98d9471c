import ConnectorSDK

/// A provider object decoded typed for mapping and, when the caller keeps
/// them, as-is for `raw`. Keeping costs a second, slower decode of every
/// object, so listings keep them only when a client asked (`includeRaw`).
public struct Raw<Value: Decodable & Sendable>: Decodable, Sendable {
    public let value: Value
    public let json: JSONValue?

    public init(from decoder: any Decoder) throws {
        value = try Value(from: decoder)
        json = decoder.userInfo[.keepsRawJSON] as? Bool == false ? nil : try JSONValue(from: decoder)
    }

    /// The raw JSON when `include` is true, so callers write `raw: x.raw(if: request.includeRaw)`.
    public func raw(if include: Bool) -> JSONValue? {
        include ? json : nil
    }
}

extension CodingUserInfoKey {
    /// Whether `Raw` keeps the JSON (a `Bool`); kept unless a decode says otherwise.
    public static let keepsRawJSON = CodingUserInfoKey(rawValue: "atlassian.raw.keepsJSON")!
}
