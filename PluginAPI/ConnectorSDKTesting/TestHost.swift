import CConnectorABI
import ConnectorModel
import ConnectorSDK
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A host in a test: registers a `Connector` through the real C entry point and
/// calls it through the real ABI, with outbound HTTP answered by a closure. A
/// connector author unit-tests with this, no server needed.
///
/// ```swift
/// let host = try TestHost(MyConnector.self) { request in HTTPResponse(status: 200, body: ...) }
/// let result = try await host.call(.probe, input: NoInput(), as: ProbeResult.self)
/// ```
public final class TestHost: @unchecked Sendable {
    // @unchecked: `registration` is the plugin's, immutable until `shutdown`,
    // and the ABI makes its hooks callable from any thread.
    public typealias HTTPHandler = @Sendable (HTTPRequest) async throws -> HTTPResponse

    /// The manifest the connector registered, `operations` filled in by the SDK.
    public let manifest: Manifest
    let state: TestHostState
    private let registration: UnsafePointer<ucp_type_registration>

    public init<C: Connector>(_ connector: C.Type, http: @escaping HTTPHandler = TestHost.noNetwork) throws {
        state = TestHostState(http: http)
        var slot: UnsafePointer<ucp_type_registration>?
        var message = [CChar](repeating: 0, count: 512)
        let status = PluginExport.register(C.self, UnsafePointer(state.table), &slot, &message, message.count)
        guard status == UCP_REGISTER_OK, let slot else {
            throw TestHostError(description: "registration refused: \(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        registration = slot
        let bytes = Array(UnsafeBufferPointer(start: slot.pointee.manifest_json.data, count: slot.pointee.manifest_json.length))
        manifest = try WireCoding.decode(Manifest.self, from: bytes)
    }

    /// Refuses every outbound request, for connectors that should not touch the network.
    public static let noNetwork: HTTPHandler = { request in
        throw TestHostError(description: "unexpected HTTP request \(request.method) \(request.url)")
    }

    /// Calls `operation` and decodes its answer; a failed call throws its `ErrorDocument`.
    public func call<Input: Codable & Sendable, Output: Decodable>(
        _ operation: ConnectorModel.Operation,
        input: Input,
        settings: ConnectorSettings? = nil,
        connection: ConnectionContext? = nil,
        connectionId: String? = nil,
        tenantId: String = "test-tenant",
        as output: Output.Type
    ) async throws -> Output {
        let document = CallRequest(
            operation: operation, requestId: "test-request", tenantId: tenantId, connectionId: connectionId ?? (connection == nil ? nil : "test-connection"),
            connector: settings ?? ConnectorSettings(endpoints: manifest.endpoints), connection: connection, input: input)
        let endpoints = document.connector.endpoints
        let answer = await invoke(operation.rawValue, request: try WireCoding.encode(document), endpoints: endpoints)
        switch answer.status {
        case UCP_CALL_OK:
            return try WireCoding.decode(Output.self, from: answer.response)
        case UCP_CALL_FAILED:
            throw try WireCoding.decode(ErrorDocument.self, from: answer.response)
        default:
            throw CancellationError()
        }
    }

    /// Calls `operation` with raw request bytes; returns the status and the response bytes.
    public func invoke(_ operation: String, request: [UInt8], endpoints: [String: String] = [:]) async -> (status: Int32, response: [UInt8]) {
        await withCheckedContinuation { continuation in
            let call = TestCall(continuation: continuation, endpoints: endpoints)
            let handle = OpaquePointer(Unmanaged.passRetained(call).toOpaque())
            operation.withCString { name in
                request.withUnsafeBufferPointer { bytes in
                    var arguments = ucp_type_call(
                        struct_size: UInt32(MemoryLayout<ucp_type_call>.size), handle: handle, operation: name,
                        request: ucp_type_bytes(data: bytes.baseAddress, length: bytes.count))
                    registration.pointee.invoke(registration.pointee.plugin, &arguments)
                }
            }
        }
    }

    /// Log lines the connector wrote, in order.
    public var logs: [TestLogLine] { state.logs.withLock { $0 } }

    /// Credentials the connector handed back with `credentialsSaver`, in order.
    public var savedCredentials: [Credentials] { state.saved.withLock { $0 } }

    /// Calls the plugin's shutdown hook; the host must not be used afterwards.
    /// Like the real host it calls the hook off the Swift concurrency pool,
    /// because the ABI lets a plugin block there while it drains its work.
    public func shutdown() async {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                self.registration.pointee.shutdown(self.registration.pointee.plugin)
                continuation.resume()
            }
        }
    }
}

/// One line a connector logged through the host.
public struct TestLogLine: Sendable, Equatable {
    public var level: Int32
    public var message: String
    public var fields: [String: JSONValue]
}

public struct TestHostError: Error, CustomStringConvertible {
    public let description: String
}
