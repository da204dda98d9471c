import ConnectorModel
import StandIns
import Testing

/// How Salesforce's failures reach a REST client: the unified code, and a
/// status that says whose fault it is.
@Suite struct SalesforceUpstreamErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let fault: SalesforceFault
        let status: Int
        let code: String
        let testDescription: String
    }

    static let cases: [Case] = [
        Case(fault: .requestLimitExceeded, status: 429, code: "rate_limited", testDescription: "REQUEST_LIMIT_EXCEEDED"),
        Case(fault: .serverError, status: 502, code: "upstream_unavailable", testDescription: "HTTP 500"),
        Case(fault: .garbage(status: 200), status: 502, code: "upstream_bad_response", testDescription: "an HTML page with 200"),
        Case(fault: .insufficientAccess, status: 403, code: "forbidden", testDescription: "INSUFFICIENT_ACCESS"),
    ]

    @Test(arguments: cases)
    func aSalesforceFailureIsMappedForTheClient(_ expected: Case) async throws {
        try await SalesforceHost.run { session, _ in
            let connectionId = try await session.connect()
            session.salesforce.inject(expected.fault)
            let reply = try await session.listContainers(connectionId)
            #expect(reply.status == expected.status, "\(reply.text)")
            #expect(reply.errorCode == expected.code)
            // The fault was served once; the next call goes through.
            #expect(try await session.listContainers(connectionId).status == 200)
        }
    }

    @Test func theDailyLimitSaysWhenToRetry() async throws {
        try await SalesforceHost.run { session, _ in
            let connectionId = try await session.connect()
            session.salesforce.inject(.requestLimitExceeded)
            let reply = try await session.listContainers(connectionId)
            #expect(reply.status == 429)
            // Salesforce sends no Retry-After; the daily limit is a rolling 24 hours, so an hour at the earliest.
            #expect(reply.headers[.retryAfter] == "3600")
            #expect(reply.body["error"]?["details"]?["retryAfter"] == 3600)
            #expect(reply.body["error"]?["details"]?["providerCode"] == "REQUEST_LIMIT_EXCEEDED")
        }
    }
}
