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

    let id: UInt64
    /// The plugin serving this call; the call keeps it alive until the plugin is done.
    let owner: LoadedPlugin
    let operation: String
    let context: PluginCallContext
    let deadline: ContinuousClock.Instant
    let timeout: Duration
    private let state = Mutex(PluginCallState<Continuation>())
    private let egressTickets = Mutex<Set<EgressTicket>>([])

    init(id: UInt64, owner: LoadedPlugin, operation: String, context: PluginCallContext, timeout: Duration) {
        self.id = id
        self.owner = owner
        self.operation = operation
        self.context = context
        self.timeout = timeout
        self.deadline = .now + timeout
    }

    var handle: OpaquePointer { OpaquePointer(Unmanaged.passUnretained(self).toOpaque()) }

    static func from(_ handle: OpaquePointer) -> PluginCall {
        Unmanaged<PluginCall>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
    }

    func start(_ continuation: Continuation) -> PluginCallState<Continuation>.StartAction {
        state.withLock { $0.start(continuation) }
    }

    /// The plugin's answer arrived. Returns true when the handle may be released.
    func complete(_ answer: Answer) -> Bool {
        let action = state.withLock { $0.pluginDidComplete() }
        action.resume?.resume(returning: answer)
        return action.releaseHandle
    }

    /// The caller stops waiting. Returns whether the plugin's cancel hook must be called.
    func abandon(_ error: PluginCallError) -> Bool {
        let action = state.withLock { $0.abandon(error) }
        if let (continuation, error) = action.resume {
            continuation.resume(returning: .failure(error))
        }
        return action.callCancelHook
    }

    /// Returns true when the handle may be released now.
    func cancelHookDidReturn() -> Bool {
        state.withLock { $0.cancelHookDidReturn() }
    }

    func track(_ ticket: EgressTicket) {
        egressTickets.withLock { _ = $0.insert(ticket) }
    }

    func untrack(_ ticket: EgressTicket) {
        egressTickets.withLock { _ = $0.remove(ticket) }
    }

    /// Every outbound request still running for this call.
    func takeEgressTickets() -> Set<EgressTicket> {
        egressTickets.withLock { tickets in
            defer { tickets.removeAll() }
            return tickets
        }
    }
}
