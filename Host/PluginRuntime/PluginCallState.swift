/// The life of one call as plain data (postgres-nio style): events in, actions
/// out, no I/O, so every interleaving can be tested directly.
///
/// A call ends for the caller when it is answered, times out or is cancelled;
/// it ends for the plugin when the plugin calls `complete`. The host keeps the
/// call's handle reserved (retained) until both the completion arrived and no
/// `cancel` hook is running, so a late `cancel` never names another call.
struct PluginCallState<Continuation> {
    enum Phase {
        case idle
        case waiting(Continuation)
        case answered
        case abandoned(PluginCallError)
    }

    private(set) var phase: Phase = .idle
    private(set) var pluginCompleted = false
    private(set) var cancelHookRunning = false

    enum StartAction {
        /// Call the plugin's invoke hook.
        case invokePlugin
        /// The caller gave up before the plugin was called: resume with this error, never invoke.
        case resumeWithoutInvoking(Continuation, PluginCallError)
    }

    mutating func start(_ continuation: Continuation) -> StartAction {
        switch phase {
        case .idle:
            phase = .waiting(continuation)
            return .invokePlugin
        case .abandoned(let error):
            return .resumeWithoutInvoking(continuation, error)
        case .waiting, .answered:
            preconditionFailure("a call starts once")
        }
    }

    struct CompletionAction {
        /// Resume the waiting caller with the plugin's answer.
        var resume: Continuation?
        /// Release the handle: the plugin is done with it.
        var releaseHandle: Bool
    }

    mutating func pluginDidComplete() -> CompletionAction {
        precondition(!pluginCompleted, "a plugin completes each call exactly once")
        pluginCompleted = true
        var resume: Continuation?
        if case .waiting(let continuation) = phase {
            phase = .answered
            resume = continuation
        }
        return CompletionAction(resume: resume, releaseHandle: !cancelHookRunning)
    }

    struct AbandonAction {
        var resume: (Continuation, PluginCallError)?
        /// Call the plugin's cancel hook, then report `cancelHookDidReturn`.
        var callCancelHook: Bool
    }

    mutating func abandon(_ error: PluginCallError) -> AbandonAction {
        switch phase {
        case .idle:
            phase = .abandoned(error)
            return AbandonAction(resume: nil, callCancelHook: false)
        case .waiting(let continuation):
            phase = .abandoned(error)
            let cancel = !pluginCompleted
            if cancel { cancelHookRunning = true }
            return AbandonAction(resume: (continuation, error), callCancelHook: cancel)
        case .answered, .abandoned:
            return AbandonAction(resume: nil, callCancelHook: false)
        }
    }

    /// Returns true when the handle can be released now.
    mutating func cancelHookDidReturn() -> Bool {
        cancelHookRunning = false
        return pluginCompleted
    }
}
