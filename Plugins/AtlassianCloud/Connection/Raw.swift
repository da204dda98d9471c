import ConnectorSDK

/// A provider object decoded twice from the same JSON: typed for mapping,
/// and as-is for `raw` when a client asks for it.
public struct Raw<Value: Decodable & Sendable>: Decodable, Sendable {
    public let value: Value
    public let json: JSONValue

    public init(from decoder: any Decoder) throws {
        value = try Value(from: decoder)
        json = try JSONValue(from: decoder)
    }

    /// The raw JSON when `include` is true, so callers write `raw: x.raw(if: request.includeRaw)`.
    public func raw(if include: Bool) -> JSONValue? {
        include ? json : nil
    }
}
