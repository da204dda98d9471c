import Testing

@testable import PluginRuntime

/// The call state machine as plain data: every interleaving of answer,
/// timeout, cancellation and the cancel hook.
@Suite struct PluginCallStateTests {
    typealias State = PluginCallState<String>

    @Test func anAnswerInsideInvokeIsTakenWithoutWaiting() {
        var state = State()
        let completion = state.pluginDidComplete()
        #expect(completion.resume == nil)
        #expect(completion.releaseHandle)
        let early = state.takeEarlyAnswer()
        #expect(early)
    }

    @Test func aLaterAnswerResumesTheWaitingCaller() {
        var state = State()
        let early = state.takeEarlyAnswer()
        #expect(!early)
        guard case .suspend = state.wait("caller") else { Issue.record("expected to suspend"); return }
        let completion = state.pluginDidComplete()
        #expect(completion.resume == "caller")
        #expect(completion.releaseHandle)
    }

    @Test func anAnswerBetweenInvokeAndWaitResumesAtOnce() {
        var state = State()
        let early = state.takeEarlyAnswer()
        #expect(!early)
        _ = state.pluginDidComplete()
        guard case .resumeWithAnswer = state.wait("caller") else { Issue.record("expected the answer"); return }
    }

    @Test func timeoutResumesTheCallerOnceAndAsksThePluginToCancel() {
        var state = State()
        _ = state.wait("caller")
        let abandon = state.abandon(.cancelled)
        #expect(abandon.resume?.0 == "caller")
        #expect(abandon.callCancelHook)
        let again = state.abandon(.cancelled)
        #expect(again.resume == nil && !again.callCancelHook)
    }

    @Test func completionDuringTheCancelHookWaitsForTheHookBeforeRelease() {
        var state = State()
        _ = state.wait("caller")
        _ = state.abandon(.cancelled)
        let completion = state.pluginDidComplete()
        #expect(completion.resume == nil)
        #expect(!completion.releaseHandle)
        let releaseNow = state.cancelHookDidReturn()
        #expect(releaseNow)
    }

    @Test func completionAfterTheCancelHookReturnedReleasesAtOnce() {
        var state = State()
        _ = state.wait("caller")
        _ = state.abandon(.cancelled)
        let releaseNow = state.cancelHookDidReturn()
        #expect(!releaseNow)
        let completion = state.pluginDidComplete()
        #expect(completion.resume == nil)
        #expect(completion.releaseHandle)
    }

    @Test func aCallerGoneBeforeWaitingIsToldWhy() {
        var state = State()
        let abandon = state.abandon(.cancelled)
        #expect(abandon.resume == nil && abandon.callCancelHook)
        guard case .fail(.cancelled) = state.wait("caller") else { Issue.record("expected the failure"); return }
    }

    @Test func noCancelAfterThePluginAnswered() {
        var state = State()
        _ = state.wait("caller")
        _ = state.pluginDidComplete()
        let abandon = state.abandon(.cancelled)
        #expect(abandon.resume == nil && !abandon.callCancelHook)
    }
}

@Suite struct EndpointTemplateTests {
    @Test func expandsANamedEndpoint() throws {
        #expect(try EndpointTemplate.resolve("{api}/rest/api/3/myself?x=1", endpoints: ["api": "http://127.0.0.1:9/base/"]) == "http://127.0.0.1:9/base/rest/api/3/myself?x=1")
    }

    @Test func leavesAbsoluteURLsAlone() throws {
        #expect(try EndpointTemplate.resolve("https://example.atlassian.net/x", endpoints: [:]) == "https://example.atlassian.net/x")
    }

    @Test func refusesAnUnknownEndpointNamingTheKnownOnes() {
        #expect(throws: (any Error).self) { try EndpointTemplate.resolve("{nope}/x", endpoints: ["api": "http://a", "auth": "http://b"]) }
        do {
            _ = try EndpointTemplate.resolve("{nope}/x", endpoints: ["api": "http://a", "auth": "http://b"])
        } catch {
            #expect(error.message == "unknown endpoint {nope}; this connector has: api, auth")
        }
    }
}
