/// Identifies one started request, so it can be cancelled. Never reused within a client.
public struct EgressTicket: Sendable, Hashable, CustomStringConvertible {
    let id: UInt64

    /// `egress#<n>`, for logs.
    public var description: String { "egress#\(id)" }
}
