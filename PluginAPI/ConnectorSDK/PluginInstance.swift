import CConnectorABI
import ConnectorModel
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One loaded copy of a Swift connector: runs calls as tasks, cancels them on
/// request and completes each exactly once.
final class PluginInstance: Sendable {
    let host: HostChannel
    let connector: any Connector
    let operations: OperationTable
    let registration: RegistrationBlock
    private let calls = Mutex<[CallHandle: RunningCall]>([:])

    private enum RunningCall {
        case starting(cancelRequested: Bool)
        case running(Task<Void, Never>)
    }

    init(host: HostChannel, connector: any Connector, operations: OperationTable, registration: RegistrationBlock) {
        self.host = host
        self.connector = connector
        self.operations = operations
        self.registration = registration
    }

    func invoke(_ call: ucp_type_call) {
        guard let pointer = call.handle else { return }
        let handle = CallHandle(pointer: pointer)
        if strcmp(call.operation, Operation.ping.rawValue) == 0 {
            complete(handle, status: UCP_CALL_OK, response: call.request)
            return
        }
        let name = String(cString: call.operation)
        guard let handler = operations.handlers[name] else {
            fail(handle, ErrorDocument(code: ErrorDocument.Code.unsupportedOperation, message: "This connector does not implement \(name)."))
            return
        }
        let request = copyBytes(call.request)
        calls.withLock { $0[handle] = .starting(cancelRequested: false) }
        // Runs on this thread until the connector first suspends, which saves a hop for quick answers.
        let task = Task.immediate { await self.run(handler, request, handle) }
        calls.withLock { calls in
            guard case .starting(let cancelRequested) = calls[handle] else { return }  // already finished
            calls[handle] = .running(task)
            if cancelRequested { task.cancel() }
        }
    }

    func cancel(_ handle: CallHandle) {
        calls.withLock { calls in
            switch calls[handle] {
            case .starting: calls[handle] = .starting(cancelRequested: true)
            case .running(let task): task.cancel()
            case nil: break
            }
        }
    }

    private func run(_ handler: OperationTable.Handler, _ request: [UInt8], _ handle: CallHandle) async {
        do {
            let response = try await handler(request, host.forCall(handle.pointer))
            finish(handle, status: UCP_CALL_OK, response: response)
        } catch is CancellationError {
            finish(handle, status: UCP_CALL_CANCELLED, response: [])
        } catch let error as HTTPTransportError where error.kind == .cancelled {
            finish(handle, status: UCP_CALL_CANCELLED, response: [])
        } catch {
            fail(handle, ErrorDocument(describing: error))
        }
    }

    private func fail(_ handle: CallHandle, _ error: ErrorDocument) {
        let document = (try? WireCoding.encode(error)) ?? Array(#"{"code":"plugin_internal_error","message":"unencodable error"}"#.utf8)
        finish(handle, status: UCP_CALL_FAILED, response: document)
    }

    private func finish(_ handle: CallHandle, status: Int32, response: [UInt8]) {
        calls.withLock { _ = $0.removeValue(forKey: handle) }
        withBytes(response) { complete(handle, status: status, response: $0) }
    }

    private func complete(_ handle: CallHandle, status: Int32, response: ucp_type_bytes) {
        host.api.pointee.complete(host.api.pointee.host, handle.pointer, status, response)
    }
}

/// A call's handle. `@unchecked Sendable`: it is an address the host keeps
/// valid until the call completes, and the SDK only passes it back to the host.
struct CallHandle: @unchecked Sendable, Hashable {
    let pointer: OpaquePointer
}

extension ErrorDocument {
    /// The error document for anything a connector throws.
    init(describing error: any Error) {
        switch error {
        case let document as ErrorDocument:
            self = document
        case let transport as HTTPTransportError:
            let code = transport.kind == .refused ? Code.invalidInput : Code.upstreamUnavailable
            self.init(code: code, message: "The provider could not be reached: \(transport.message)")
        default:
            self.init(code: Code.internalError, message: "The connector failed: \(error)")
        }
    }
}
