import ConnectorModel

/// Maps operation names to the connector's typed methods.
struct OperationTable: Sendable {
    typealias Handler = @Sendable (_ request: [UInt8], _ channel: HostChannel) async throws -> [UInt8]

    private(set) var handlers: [String: Handler] = [:]

    var operations: [Operation] { [.ping] + handlers.keys.sorted().map(Operation.init(rawValue:)) }

    init(for connector: some Connector) {
        add(.validate, NoInput.self) { _, context in try await connector.validate(context) }
        add(.probe, NoInput.self) { _, context in try await connector.probe(context) }
        for capability in Capabilities.all { capability(connector, &self) }
    }

    /// Registers `body` as the handler of `operation`, decoding `Input` and encoding the output.
    mutating func add<Input: Codable & Sendable, Output: Encodable & Sendable>(
        _ operation: Operation,
        _ input: Input.Type,
        _ body: @escaping @Sendable (Input, CallContext) async throws -> Output
    ) {
        handlers[operation.rawValue] = { bytes, channel in
            let request: CallRequest<Input>
            do {
                request = try WireCoding.decode(CallRequest<Input>.self, from: bytes)
            } catch {
                throw ErrorDocument(
                    code: ErrorDocument.Code.invalidInput,
                    message: "The \(operation) request does not match what the connector expects: \(error)")
            }
            let context = CallContext(operation: operation, request: request, channel: channel)
            return try WireCoding.encode(try await body(request.input, context))
        }
    }
}

/// Each capability protocol (Capabilities.swift) adds its operations here.
enum Capabilities {
    typealias Registration = @Sendable (any Connector, inout OperationTable) -> Void
    static let all: [Registration] = [browsing, oauth, revocation, webhooks, renewableWebhooks, syncing]
}
