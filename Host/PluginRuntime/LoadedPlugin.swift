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
    /// Calls the plugin has not completed yet; counted without a lock, for the request path.
    private let inFlight = Atomic<Int>(0)
    private let retiring = Atomic<Bool>(false)
    private let idleFired = Atomic<Bool>(false)
    private let whenIdle = Mutex<(@Sendable () -> Void)?>(nil)
    /// Calls a caller is waiting for, with their deadlines (calls answered inside `invoke` never get here).
    /// Keyed by identity, which stays unique while the entry holds the call.
    private let waiting = Mutex<[ObjectIdentifier: (call: PluginCall, deadline: ContinuousClock.Instant)]>([:])

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
    public var inFlightCalls: Int { inFlight.load(ordering: .relaxed) }

    /// Calls `operation` with the request document `request` and waits for the answer.
    /// Always inlined, so that a call answered inside `invoke` costs no async frame of its own.
    @inline(__always)
    nonisolated(nonsending) func invoke(_ operation: String, request: [UInt8], context: PluginCallContext, timeout: Duration) async -> PluginCall.Answer {
        switch start(operation, request: request, context: context, timeout: timeout) {
        case .answered(let answer): return answer
        case .running(let call): return await wait(for: call)
        }
    }

    /// A started call: answered inside the plugin's `invoke`, or still running.
    private enum Start {
        case answered(PluginCall.Answer)
        case running(PluginCall)
    }

    /// Hands the call to the plugin's `invoke`.
    private func start(_ operation: String, request: [UInt8], context: PluginCallContext, timeout: Duration) -> Start {
        guard !Task.isCancelled else { return .answered(.failure(.cancelled)) }
        guard begin() else { return .answered(.failure(.unknownConnector(id))) }
        let call = PluginCall(owner: self, operation: operation, context: context, timeout: timeout)
        // The plugin's reference to the handle, released once it is done with it.
        _ = Unmanaged.passRetained(call)
        InvokingThread.run(call) {
            operation.withCString { name in
                request.withUnsafeBufferPointer { bytes in
                    var arguments = ucp_type_call(
                        struct_size: UInt32(MemoryLayout<ucp_type_call>.size), handle: call.handle, operation: name,
                        request: ucp_type_bytes(data: bytes.baseAddress, length: bytes.count))
                    registration.invoke(registration.plugin, &arguments)
                }
            }
        }
        // Quick plugins answer inside invoke: no suspension, no deadline bookkeeping.
        if let (status, response) = call.takeInlineCompletion() {
            release(call)
            return .answered(answer(status: status, response: response, operation: operation))
        }
        if let answer = call.takeEarlyAnswer() { return .answered(answer) }
        return .running(call)
    }

    /// Suspends until the plugin answers, the deadline passes or the caller is cancelled.
    private nonisolated(nonsending) func wait(for call: PluginCall) async -> PluginCall.Answer {
        waiting.withLock { $0[ObjectIdentifier(call)] = (call, .now + call.timeout) }
        let answer = await withTaskCancellationHandler {
            await withUnsafeContinuation { call.wait($0) }
        } onCancel: {
            self.abandon(call, .cancelled)
        }
        waiting.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(call)) }
        return answer
    }

    /// The plugin's `complete` callback, unless it came on the invoking thread inside `invoke`.
    func complete(_ call: PluginCall, status: Int32, response: consuming [UInt8]) {
        if call.complete(answer(status: status, response: response, operation: call.operation)) {
            release(call)
        }
    }

    /// Gives up on calls whose deadline passed and asks the plugin to cancel them.
    func expireOverdueCalls(now: ContinuousClock.Instant) {
        let overdue = waiting.withLock { $0.values.filter { $0.deadline <= now }.map(\.call) }
        for call in overdue {
            abandon(call, .timedOut(connector: id, operation: call.operation, after: call.timeout))
        }
    }

    /// Stops routing new calls here; `whenIdle` runs once, after the last in-flight call completed.
    func retire(whenIdle handler: @escaping @Sendable () -> Void) {
        whenIdle.withLock { $0 = handler }
        retiring.store(true, ordering: .sequentiallyConsistent)
        if inFlight.load(ordering: .sequentiallyConsistent) == 0 { fireIdle() }
    }

    /// Calls the plugin's shutdown hook and frees the host table. Blocking: run it off the async pool.
    func shutdown() {
        registration.shutdown(registration.plugin)
        bridge.release()
    }

    // MARK: - Private

    /// Counts the call in first, then checks for retirement, so `retire` never
    /// misses a call that is about to reach the plugin. Sequentially consistent:
    /// with `retire` this is a store-then-load handshake acquire/release does not order.
    private func begin() -> Bool {
        inFlight.add(1, ordering: .sequentiallyConsistent)
        guard !retiring.load(ordering: .sequentiallyConsistent) else {
            end()
            return false
        }
        return true
    }

    private func end() {
        let remaining = inFlight.subtract(1, ordering: .sequentiallyConsistent).newValue
        if remaining == 0 && retiring.load(ordering: .sequentiallyConsistent) { fireIdle() }
    }

    private func fireIdle() {
        guard idleFired.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged else { return }
        whenIdle.withLock { $0 }?()
    }

    private func release(_ call: PluginCall) {
        Unmanaged.passUnretained(call).release()
        end()
    }

    private func abandon(_ call: PluginCall, _ error: PluginCallError) {
        guard call.abandon(error) else { return }
        for ticket in call.takeEgressTickets() { bridge.services.egress.cancel(ticket) }
        registration.cancel?(registration.plugin, call.handle)
        if call.cancelHookDidReturn() { release(call) }
    }

    private func answer(status: Int32, response: consuming [UInt8], operation: String) -> PluginCall.Answer {
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
