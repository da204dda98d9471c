import ConnectorModel
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// The ways an OAuth callback is refused, and that none of them stores a connection.
    @Suite struct AtlassianOAuthRefusalTests {
        @Test func aForgedCodeIsABadRequest() async throws {
            try await AtlassianHost.run { session in
                let (_, state) = try await session.authorizedCode(.jira)
                let forged = try await session.completeOAuth(.jira, code: "code-not-issued-by-atlassian", state: state)
                #expect(forged.status == 400)
                #expect(forged.errorCode == "oauth_code_rejected")
                #expect(try await session.connections(.jira).isEmpty)
            }
        }

        @Test func aCodeRedeemedWithAnotherFlowsVerifierIsABadRequest() async throws {
            try await AtlassianHost.run { session in
                let first = try await session.authorizedCode(.jira)
                let second = try await session.authorizedCode(.jira)
                // The host sends the verifier it kept for `second.state`; its S256 is not the challenge `first.code` was issued for.
                let mismatched = try await session.completeOAuth(.jira, code: first.code, state: second.state)
                #expect(mismatched.status == 400, "\(mismatched.text)")
                #expect(mismatched.errorCode == "oauth_code_rejected")
                #expect(mismatched.body["error"]?["message"]?.stringValue?.contains("code_verifier") == true, "\(mismatched.text)")
                #expect(try await session.connections(.jira).isEmpty)
            }
        }

        @Test func aStateCompletesOneConnectionOnly() async throws {
            try await AtlassianHost.run { session in
                let (code, state) = try await session.authorizedCode(.confluence)
                #expect(try await session.completeOAuth(.confluence, code: code, state: state).status == 201)
                let replayed = try await session.completeOAuth(.confluence, code: code, state: state)
                #expect(replayed.status == 409)
                #expect(replayed.errorCode == "oauth_state_used")
                #expect(try await session.connections(.confluence).count == 1)
            }
        }

        @Test func aStateIsBoundToItsConnectorAndTenant() async throws {
            try await AtlassianHost.run { session in
                let (code, state) = try await session.authorizedCode(.jira)
                let otherConnector = try await session.completeOAuth(.confluence, code: code, state: state)
                #expect(otherConnector.status == 400)
                #expect(otherConnector.errorCode == "oauth_state_unknown")
                let otherTenant = try await session.completeOAuth(.jira, code: code, state: state, tenant: "globex")
                #expect(otherTenant.status == 403)
                #expect(otherTenant.errorCode == "oauth_state_wrong_tenant")
                let unknown = try await session.completeOAuth(.jira, code: code, state: "never-issued")
                #expect(unknown.status == 400)
                #expect(unknown.errorCode == "oauth_state_unknown")
                // None of that used the state up.
                #expect(try await session.completeOAuth(.jira, code: code, state: state).status == 201)
            }
        }

        @Test func anAppSecretAtlassianRefusesIsForTheOperatorToFix() async throws {
            try await AtlassianHost.run { session in
                let patched = try await session.call(.patch, "/api/connectors/jira", json: ["config": ["clientSecret": "a-typo"]], tenant: nil)
                try #require(patched.status == 200, "\(patched.text)")
                let (code, state) = try await session.authorizedCode(.jira)
                let refused = try await session.completeOAuth(.jira, code: code, state: state)
                #expect(refused.status == 409, "\(refused.text)")
                #expect(refused.errorCode == "not_configured")
                #expect(!refused.text.contains("a-typo"))
                #expect(try await session.connections(.jira).isEmpty)
            }
        }

        @Test func anExpiredStateIsGone() async throws {
            try await AtlassianHost.run(configure: { $0.oauthStateLifetime = .zero }) { session in
                let (code, state) = try await session.authorizedCode(.jira)
                let late = try await session.completeOAuth(.jira, code: code, state: state)
                #expect(late.status == 410)
                #expect(late.errorCode == "oauth_state_expired")
                #expect(session.cloud.hostTokenRequests == 0, "the code was sent to Atlassian anyway")
                #expect(try await session.connections(.jira).isEmpty)
            }
        }
    }
}
