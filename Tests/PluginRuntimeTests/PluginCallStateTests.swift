import Testing

@testable import PluginRuntime

/// The call state machine as plain data: every interleaving of answer,
/// timeout, cancellation and the cancel hook.
@Suite struct PluginCallStateTests {
    typealias State = PluginCallState<String>

    @Test func answeredCallResumesTheCallerAndReleasesTheHandle() {
        var state = State()
        guard case .invokePlugin = state.start("caller") else { Issue.record("expected invoke"); return }
        let completion = state.pluginDidComplete()
        #expect(completion.resume == "caller")
        #expect(completion.releaseHandle)
    }

    @Test func timeoutResumesTheCallerOnceAndAsksThePluginToCancel() {
        var state = State()
        _ = state.start("caller")
        let abandon = state.abandon(.cancelled)
        #expect(abandon.resume?.0 == "caller")
        #expect(abandon.callCancelHook)
        // A second timeout changes nothing.
        let again = state.abandon(.cancelled)
        #expect(again.resume == nil && !again.callCancelHook)
    }

    @Test func completionDuringTheCancelHookWaitsForTheHookBeforeRelease() {
        var state = State()
        _ = state.start("caller")
        _ = state.abandon(.cancelled)
        let completion = state.pluginDidComplete()
        #expect(completion.resume == nil)
        #expect(!completion.releaseHandle)
        let releaseNow = state.cancelHookDidReturn()
        #expect(releaseNow)
    }

    @Test func completionAfterTheCancelHookReturnedReleasesAtOnce() {
        var state = State()
        _ = state.start("caller")
        _ = state.abandon(.cancelled)
        let releaseNow = state.cancelHookDidReturn()
        #expect(!releaseNow)
        let completion = state.pluginDidComplete()
        #expect(completion.resume == nil)
        #expect(completion.releaseHandle)
    }

    @Test func aCallerGoneBeforeTheStartNeverReachesThePlugin() {
        var state = State()
        let abandon = state.abandon(.cancelled)
        #expect(abandon.resume == nil && !abandon.callCancelHook)
        guard case .resumeWithoutInvoking(let caller, let error) = state.start("caller") else {
            Issue.record("the plugin must not be invoked")
            return
        }
        #expect(caller == "caller")
        #expect(error == .cancelled)
    }

    @Test func noCancelAfterThePluginAnswered() {
        var state = State()
        _ = state.start("caller")
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
