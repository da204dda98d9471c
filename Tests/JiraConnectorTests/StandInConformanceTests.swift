import ConnectorModel
import Egress
import Hummingbird
import Logging
import StandIns
import Testing

/// The conformance check itself: it must flag a response that breaks the
/// vendor contract, or passing it would prove nothing.
@Suite struct StandInConformanceTests {
    @Test func aResponseOutsideTheContractIsFlagged() async throws {
        let server = try await StandInServer.start("broken-jira") { router in
            router.get("rest/api/3/myself") { _, _ in try StandInResponses.json(["accountId": "abc", "accountType": "robot"] as JSONValue) }
            router.get("rest/api/3/search/jql") { _, _ in try StandInResponses.json(["issues": [], "isLast": true, "nextPageToken": nil] as JSONValue) }
            router.get("somewhere/else") { _, _ in try StandInResponses.json(["ok": true] as JSONValue) }
        }
        var logger = Logger(label: "conformance-test")
        logger.logLevel = .error
        let egress = EgressClient(logger: logger)
        for path in ["/rest/api/3/myself", "/rest/api/3/search/jql", "/somewhere/else"] {
            _ = try await egress.send(EgressRequest(url: server.baseURL + path))
        }
        egress.shutdown()
        let problems = try SpecConformance.problems(in: server.exchanges.all)
        #expect(problems.contains { $0.contains("/accountType") })
        #expect(problems.contains { $0.contains("/nextPageToken") })
        #expect(problems.contains { $0.contains("no vendor contract covers /somewhere/else") })
        await server.stop()
    }
}
