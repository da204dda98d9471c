import CConnectorABI
import ConnectorModel
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A registered plugin: routes calls into it and keeps it alive until the
/// last call it started has completed, even after a newer version replaced it.
public final class LoadedPlugin: Sendable {
    /// The file in the plugins directory this plugin came from.
    public let file: String
    public let loadedAt: Date
    let registration: PluginRegistration
    let bridge: HostBridge
    private let inFlight = Mutex(InFlight())
    private let callNumbers = Atomic<UInt64>(0)

    private struct InFlight {
        var calls: [UInt64: PluginCall] = [:]
        var retiring = false
        var whenIdle: (@Sendable () -> Void)?
    }

    init(file: String, registration: PluginRegistration, bridge: HostBridge) {
        self.file = file
        self.loadedAt = Date()
        self.registration = registration
        self.bridge = bridge
    }

    public var id: String { registration.id }
    public var version: String { registration.version }
    public var manifest: Manifest { registration.manifest }
    public var language: PluginLanguage { registration.language }
    public var toolchain: String { registration.toolchain }
    public var abiVersion: String { "\(registration.abi.major).\(registration.abi.minor)" }
    public var inFlightCalls: Int { inFlight.withLock { $0.calls.count } }

    /// Calls `operation` with the request document `request` and waits for the answer.
    func invoke(_ operation: String, request: [UInt8], context: PluginCallContext, timeout: Duration) async -> PluginCall.Answer {
        let call = PluginCall(
            id: callNumbers.add(1, ordering: .relaxed).newValue, owner: self, operation: operation, context: context,
            timeout: timeout)
        guard begin(call) else { return .failure(.unknownConnector(id)) }
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { continuation in
                switch call.start(continuation) {
                case .invokePlugin:
                    // The plugin's reference to the handle, released once it is done with it.
                    _ = Unmanaged.passRetained(call)
                    operation.withCString { name in
                        request.withUnsafeBufferPointer { bytes in
                            var arguments = ucp_type_call(
                                struct_size: UInt32(MemoryLayout<ucp_type_call>.size), handle: call.handle, operation: name,
                                request: ucp_type_bytes(data: bytes.baseAddress, length: bytes.count))
                            registration.invoke(registration.plugin, &arguments)
                        }
                    }
                case .resumeWithoutInvoking(let continuation, let error):
                    end(call)
                    continuation.resume(returning: .failure(error))
                }
            }
        } onCancel: {
            self.abandon(call, .cancelled)
        }
    }

    /// The plugin's `complete` callback.
    func complete(_ call: PluginCall, status: Int32, response: [UInt8]) {
        if call.complete(answer(status: status, response: response, operation: call.operation)) {
            release(call)
        }
    }

    /// Gives up on calls whose deadline passed and asks the plugin to cancel them.
    func expireOverdueCalls(now: ContinuousClock.Instant) {
        let overdue = inFlight.withLock { $0.calls.values.filter { $0.deadline <= now } }
        for call in overdue {
            abandon(call, .timedOut(connector: id, operation: call.operation, after: call.timeout))
        }
    }

    /// Stops routing new calls here; `whenIdle` runs once the last in-flight call completed.
    func retire(whenIdle: @escaping @Sendable () -> Void) {
        let idleNow = inFlight.withLock { state in
            state.retiring = true
            if state.calls.isEmpty { return true }
            state.whenIdle = whenIdle
            return false
        }
        if idleNow { whenIdle() }
    }

    /// Calls the plugin's shutdown hook and frees the host table. Blocking: run it off the async pool.
    func shutdown() {
        registration.shutdown(registration.plugin)
        bridge.release()
    }

    // MARK: - Private

    private func begin(_ call: PluginCall) -> Bool {
        inFlight.withLock { state in
            guard !state.retiring else { return false }
            state.calls[call.id] = call
            return true
        }
    }

    private func end(_ call: PluginCall) {
        let idleHandler: (@Sendable () -> Void)? = inFlight.withLock { state in
            state.calls[call.id] = nil
            guard state.retiring, state.calls.isEmpty else { return nil }
            defer { state.whenIdle = nil }
            return state.whenIdle
        }
        idleHandler?()
    }

    private func release(_ call: PluginCall) {
        end(call)
        Unmanaged.passUnretained(call).release()
    }

    private func abandon(_ call: PluginCall, _ error: PluginCallError) {
        guard call.abandon(error) else { return }
        for ticket in call.takeEgressTickets() { bridge.services.egress.cancel(ticket) }
        registration.cancel?(registration.plugin, call.handle)
        if call.cancelHookDidReturn() { release(call) }
    }

    private func answer(status: Int32, response: [UInt8], operation: String) -> PluginCall.Answer {
        switch status {
        case UCP_CALL_OK:
            return .success(response)
        case UCP_CALL_FAILED:
            guard let document = try? WireCoding.decode(ErrorDocument.self, from: response) else {
                return .failure(.contractViolation(connector: id, "\(operation) failed with an unreadable error document"))
            }
            return .failure(.failed(document))
        case UCP_CALL_CANCELLED:
            return .failure(.cancelled)
        default:
            return .failure(.contractViolation(connector: id, "\(operation) completed with unknown status \(status)"))
        }
    }
}
