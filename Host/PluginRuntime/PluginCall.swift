import CConnectorABI
import ConnectorModel
import Egress
import Synchronization

/// Who a call acts for, carried to the plugin's log lines and host callbacks.
public struct PluginCallContext: Sendable {
    public var requestId: String
    public var tenantId: String
    public var connectionId: String?
    /// Base URLs for "{endpoint}/path" templates in the plugin's HTTP requests.
    public var endpoints: [String: String]

    public init(requestId: String, tenantId: String, connectionId: String? = nil, endpoints: [String: String] = [:]) {
        self.requestId = requestId
        self.tenantId = tenantId
        self.connectionId = connectionId
        self.endpoints = endpoints
    }
}

/// One in-flight call; its address is the `ucp_type_call_handle` the plugin sees.
final class PluginCall: Sendable {
    typealias Answer = Result<[UInt8], PluginCallError>
    typealias Continuation = UnsafeContinuation<Answer, Never>

    /// The plugin serving this call. Unowned: the registry keeps a plugin alive
    /// (active or retiring) until its last call completed, and this is the hot path.
    unowned(unsafe) let owner: LoadedPlugin
    let operation: String
    let context: PluginCallContext
    let timeout: Duration
    private let state = Mutex<Guarded>(Guarded())
    /// A completion on the invoking thread inside `invoke`, kept raw for the
    /// invoker; only that thread touches it, so it needs no lock.
    nonisolated(unsafe) private var inlineCompletion: (status: Int32, response: [UInt8])?

    /// Everything the lock protects.
    private struct Guarded {
        var call = PluginCallState<Continuation>()
        /// The answer, kept here when it arrives before the caller waits.
        var earlyAnswer: Answer?
        var egress: Set<EgressTicket> = []
    }

    init(owner: LoadedPlugin, operation: String, context: PluginCallContext, timeout: Duration) {
        self.owner = owner
        self.operation = operation
        self.context = context
        self.timeout = timeout
    }

    var handle: OpaquePointer { OpaquePointer(Unmanaged.passUnretained(self).toOpaque()) }

    static func from(_ handle: OpaquePointer) -> PluginCall {
        Unmanaged<PluginCall>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
    }

    /// The plugin's answer arrived. Returns true when the handle may be released.
    func complete(_ answer: Answer) -> Bool {
        let action = state.withLock { guarded in
            let action = guarded.call.pluginDidComplete()
            if action.resume == nil { guarded.earlyAnswer = answer }
            return action
        }
        action.resume?.resume(returning: answer)
        return action.releaseHandle
    }

    /// The plugin's `complete` callback.
    func pluginCompleted(status: Int32, response: consuming [UInt8]) {
        guard InvokingThread.isInvoking(self) else {
            // Held strongly until `complete` returns: ending a retiring plugin's last call lets the registry drop it.
            let owner = owner
            owner.complete(self, status: status, response: response)
            return withExtendedLifetime(owner) {}
        }
        // On the invoking thread inside `invoke`: the invoker takes it from here, without the lock.
        precondition(inlineCompletion == nil, "a plugin completes each call exactly once")
        inlineCompletion = (status, response)
    }

    /// After `invoke` returned, on the invoking thread: what `pluginCompleted` kept.
    func takeInlineCompletion() -> (status: Int32, response: [UInt8])? {
        defer { inlineCompletion = nil }
        return inlineCompletion
    }

    /// After `invoke` returned: the answer another thread gave before it returned.
    func takeEarlyAnswer() -> Answer? {
        state.withLock { guarded in
            guard guarded.call.takeEarlyAnswer() else { return nil }
            defer { guarded.earlyAnswer = nil }
            return guarded.earlyAnswer
        }
    }

    /// Waits for the answer unless it is already there.
    func wait(_ continuation: Continuation) {
        let (action, answer) = state.withLock { guarded in
            let action = guarded.call.wait(continuation)
            defer { guarded.earlyAnswer = nil }
            return (action, guarded.earlyAnswer)
        }
        switch action {
        case .suspend: break
        case .resumeWithAnswer: continuation.resume(returning: answer ?? .failure(.cancelled))
        case .fail(let error): continuation.resume(returning: .failure(error))
        }
    }

    /// The caller stops waiting. Returns whether the plugin's cancel hook must be called.
    func abandon(_ error: PluginCallError) -> Bool {
        let action = state.withLock { $0.call.abandon(error) }
        if let (continuation, error) = action.resume {
            continuation.resume(returning: .failure(error))
        }
        return action.callCancelHook
    }

    /// Returns true when the handle may be released now.
    func cancelHookDidReturn() -> Bool {
        state.withLock { $0.call.cancelHookDidReturn() }
    }

    func track(_ ticket: EgressTicket) {
        state.withLock { _ = $0.egress.insert(ticket) }
    }

    func untrack(_ ticket: EgressTicket) {
        state.withLock { _ = $0.egress.remove(ticket) }
    }

    /// Every outbound request still running for this call.
    func takeEgressTickets() -> Set<EgressTicket> {
        state.withLock { state in
            defer { state.egress.removeAll() }
            return state.egress
        }
    }
}
