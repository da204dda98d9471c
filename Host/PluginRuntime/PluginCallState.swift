/// The life of one call as plain data (postgres-nio style): events in, actions
/// out, no I/O, so every interleaving can be tested directly.
///
/// A call ends for the caller when it is answered, times out or is cancelled;
/// it ends for the plugin when the plugin calls `complete`. Plugins often
/// complete inside `invoke`: then the caller takes the answer without ever
/// suspending (a completion on the invoking thread itself skips this state, see
/// `InvokingThread`). The host keeps the call's handle reserved (retained) until the
/// completion arrived and no `cancel` hook is running, so a late `cancel`
/// never names another call.
struct PluginCallState<Continuation> {
    enum Phase {
        /// The plugin's `invoke` is running or returned; nobody waits yet.
        case invoking
        /// The plugin answered before the caller started waiting; the answer is kept beside this state.
        case answeredEarly
        case waiting(Continuation)
        /// The caller has the answer.
        case delivered
        case abandoned(PluginCallError)
    }

    private(set) var phase: Phase = .invoking
    private(set) var pluginCompleted = false
    private(set) var cancelHookRunning = false

    struct CompletionAction {
        /// Resume the waiting caller with the answer.
        var resume: Continuation?
        /// Release the handle: the plugin is done with it.
        var releaseHandle: Bool
    }

    mutating func pluginDidComplete() -> CompletionAction {
        precondition(!pluginCompleted, "a plugin completes each call exactly once")
        pluginCompleted = true
        var resume: Continuation?
        switch phase {
        case .invoking: phase = .answeredEarly
        case .waiting(let continuation):
            phase = .delivered
            resume = continuation
        case .answeredEarly, .delivered, .abandoned: break
        }
        return CompletionAction(resume: resume, releaseHandle: !cancelHookRunning)
    }

    /// After `invoke` returned: true when the plugin already answered (the caller takes it now).
    mutating func takeEarlyAnswer() -> Bool {
        guard case .answeredEarly = phase else { return false }
        phase = .delivered
        return true
    }

    enum WaitAction {
        case suspend
        /// Resume at once with the kept answer.
        case resumeWithAnswer
        case fail(PluginCallError)
    }

    mutating func wait(_ continuation: Continuation) -> WaitAction {
        switch phase {
        case .invoking:
            phase = .waiting(continuation)
            return .suspend
        case .answeredEarly:
            phase = .delivered
            return .resumeWithAnswer
        case .abandoned(let error):
            return .fail(error)
        case .waiting, .delivered:
            preconditionFailure("a caller waits once")
        }
    }

    struct AbandonAction {
        var resume: (Continuation, PluginCallError)?
        /// Call the plugin's cancel hook, then report `cancelHookDidReturn`.
        var callCancelHook: Bool
    }

    mutating func abandon(_ error: PluginCallError) -> AbandonAction {
        switch phase {
        case .invoking:
            phase = .abandoned(error)
        case .waiting(let continuation):
            phase = .abandoned(error)
            cancelHookRunning = !pluginCompleted
            return AbandonAction(resume: (continuation, error), callCancelHook: !pluginCompleted)
        case .answeredEarly, .delivered, .abandoned:
            return AbandonAction(resume: nil, callCancelHook: false)
        }
        cancelHookRunning = !pluginCompleted
        return AbandonAction(resume: nil, callCancelHook: !pluginCompleted)
    }

    /// Returns true when the handle can be released now.
    mutating func cancelHookDidReturn() -> Bool {
        cancelHookRunning = false
        return pluginCompleted
    }
}

extension PluginCallState: Sendable where Continuation: Sendable {}
extension PluginCallState.Phase: Sendable where Continuation: Sendable {}
extension PluginCallState.CompletionAction: Sendable where Continuation: Sendable {}
extension PluginCallState.WaitAction: Sendable {}
extension PluginCallState.AbandonAction: Sendable where Continuation: Sendable {}
