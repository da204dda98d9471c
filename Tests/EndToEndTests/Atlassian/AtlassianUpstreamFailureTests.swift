import ConnectorModel
import HostServer
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// Every way Atlassian (or the network) fails, as a REST client sees it: the
    /// unified code, a status that says whose fault it is, and a host that keeps serving.
    @Suite struct AtlassianUpstreamFailureTests {
        struct Case: Sendable, CustomTestStringConvertible {
            let connector: AtlassianConnector
            let fault: StandInFaults.Fault
            let status: Int
            let code: String
            var retryAfter: String?
            let testDescription: String
        }

        static let cases: [Case] = [
            Case(connector: .jira, fault: .status(403), status: 403, code: "forbidden", testDescription: "Jira 403"),
            Case(connector: .jira, fault: .status(404), status: 404, code: "not_found", testDescription: "Jira 404"),
            Case(
                connector: .jira, fault: .rateLimited(retryAfter: 120), status: 429, code: "rate_limited", retryAfter: "120",
                testDescription: "Jira 429, Retry-After beyond the host's cap"),
            Case(connector: .jira, fault: .status(500), status: 502, code: "upstream_unavailable", testDescription: "Jira 500"),
            Case(connector: .jira, fault: .garbage, status: 502, code: "upstream_bad_response", testDescription: "Jira garbage"),
            Case(connector: .jira, fault: .slow(.seconds(8)), status: 502, code: "upstream_unavailable", testDescription: "Jira silent past the timeout"),
            Case(connector: .confluence, fault: .status(403), status: 403, code: "forbidden", testDescription: "Confluence 403"),
            Case(
                connector: .confluence, fault: .rateLimited(retryAfter: 90), status: 429, code: "rate_limited", retryAfter: "90",
                testDescription: "Confluence 429"),
            Case(connector: .confluence, fault: .status(503), status: 502, code: "upstream_unavailable", testDescription: "Confluence 503"),
            Case(connector: .confluence, fault: .garbage, status: 502, code: "upstream_bad_response", testDescription: "Confluence garbage"),
        ]

        static func configure(_ configuration: inout HostConfiguration) {
            configuration.httpTimeout = .seconds(3)
            configuration.httpRetryAfterCap = .seconds(1)
        }

        @Test(arguments: cases)
        func aProviderFailureIsMappedForTheClient(_ expected: Case) async throws {
            try await AtlassianHost.run(configure: Self.configure) { session in
                let connectionId = try await session.connectOAuth(expected.connector)
                faults(expected.connector, session).injectNext(expected.fault)
                let reply = try await session.listContainers(expected.connector, connectionId)
                #expect(reply.status == expected.status, "\(reply.text)")
                #expect(reply.errorCode == expected.code)
                if let retryAfter = expected.retryAfter {
                    #expect(reply.headers[.retryAfter] == retryAfter)
                    #expect(reply.body["error"]?["details"]?["retryAfter"] == .number(Double(retryAfter)!))
                }
                // The host is up, and the next call goes through.
                #expect(try await session.get("/", tenant: nil).status == 200)
                #expect(try await session.listContainers(expected.connector, connectionId).status == 200)
            }
        }

        @Test func anUnknownIssueIsNotFound() async throws {
            try await AtlassianHost.run(configure: Self.configure) { session in
                let connectionId = try await session.connectOAuth(.jira)
                let reply = try await session.browse(.jira, "comments", connectionId, query: "&itemId=ENG-999")
                #expect(reply.status == 404)
                #expect(reply.errorCode == "not_found")
                let page = try await session.browse(.confluence, "comments", try await session.connectOAuth(.confluence), query: "&itemId=999999")
                #expect(page.status == 404)
                #expect(page.errorCode == "not_found")
            }
        }

        /// Fresh tokens refused too (access revoked at Atlassian, a scope
        /// taken away): retrying cannot help, connecting again can.
        @Test func a401ThatARefreshDoesNotCureAsksForReauthorization() async throws {
            try await AtlassianHost.run(configure: Self.configure) { session in
                let cloud = session.cloud
                let connectionId = try await session.connectOAuth(.jira)
                let grantsBefore = cloud.hostTokenRequests
                cloud.jira.faults.injectNext(.status(401))
                cloud.jira.faults.injectNext(.status(401))
                let reply = try await session.listContainers(.jira, connectionId)
                #expect(cloud.hostTokenRequests - grantsBefore == 1, "one refresh, then one retry")
                #expect(reply.errorCode == "needs_reauth", "\(reply.text)")
                #expect(reply.status == 409)
                #expect(try await session.connection(connectionId)["status"] == "needs_reauth")
                #expect(try await session.auditTrail().contains { $0.action == "connection.needs_reauth" })
                #expect(try await session.get("/", tenant: nil).status == 200)
                #expect(try await session.listContainers(.jira, connectionId).status == 200)
            }
        }

        @Test func anAPITokenTheSiteRefusesAsksForReauthorization() async throws {
            try await AtlassianHost.run(configure: Self.configure) { session in
                let connectionId = try await session.connectAPIToken(.jira)
                session.cloud.jira.faults.injectNext(.status(401))
                let reply = try await session.listContainers(.jira, connectionId)
                #expect(reply.errorCode == "needs_reauth", "\(reply.text)")
                #expect(reply.status == 409)
                #expect(try await session.connection(connectionId)["status"] == "needs_reauth")
            }
        }

        private func faults(_ connector: AtlassianConnector, _ session: AtlassianSession) -> StandInFaults {
            connector == .jira ? session.cloud.jira.faults : session.cloud.confluence.faults
        }
    }
}
