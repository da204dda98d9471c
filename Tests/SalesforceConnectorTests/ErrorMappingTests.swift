import ConnectorSDK
import Egress
import StandIns
import Testing

@testable import SalesforceConnector

/// Each Salesforce failure the stand-in can serve, and the unified error it becomes.
@Suite struct SalesforceErrorMappingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let fault: SalesforceFault
        let code: String
        let providerCode: String?
        var retryAfter: Int? = nil
        var testDescription: String { "\(providerCode ?? "no error array") → \(code)" }
    }

    static let cases: [Case] = [
        Case(fault: .insufficientAccess, code: "forbidden", providerCode: "INSUFFICIENT_ACCESS"),
        Case(fault: .requestLimitExceeded, code: "rate_limited", providerCode: "REQUEST_LIMIT_EXCEEDED", retryAfter: 3600),
        Case(
            fault: .error(status: 403, errorCode: "REQUEST_LIMIT_EXCEEDED", message: "ConcurrentPerOrgLongTxn Limit exceeded."),
            code: "rate_limited", providerCode: "REQUEST_LIMIT_EXCEEDED", retryAfter: 30),
        Case(
            fault: .error(status: 400, errorCode: "INVALID_FIELD", message: "No such column 'Rating' on entity 'Account'."),
            code: "invalid_input", providerCode: "INVALID_FIELD"),
        Case(
            fault: .error(status: 400, errorCode: "MALFORMED_QUERY", message: "unexpected token: 'WHERE'"), code: "invalid_input",
            providerCode: "MALFORMED_QUERY"),
        Case(
            fault: .error(status: 404, errorCode: "NOT_FOUND", message: "The requested resource does not exist"), code: "not_found",
            providerCode: "NOT_FOUND"),
        Case(fault: .serverError, code: "upstream_unavailable", providerCode: "UNKNOWN_EXCEPTION"),
        Case(fault: .garbage(status: 200), code: "upstream_bad_response", providerCode: nil),
        Case(fault: .garbage(status: 503), code: "upstream_unavailable", providerCode: nil),
        Case(fault: .garbage(status: 400), code: "upstream_bad_response", providerCode: nil),
    ]

    @Test(arguments: cases)
    func aFailedQueryBecomesItsUnifiedError(_ testCase: Case) async throws {
        try await SalesforceHarness.run { harness in
            harness.salesforce.org.insertAccounts(1)
            harness.salesforce.inject(testCase.fault, pathPrefix: "/services/data/v66.0/query")
            let connection = harness.connection()
            let failure = await #expect(throws: ErrorDocument.self) {
                let _: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "Account"), connection: connection)
            }
            #expect(failure?.code == testCase.code)
            #expect(failure?.details?["providerCode"] == testCase.providerCode.map { .string($0) })
            #expect(failure?.retryAfter == testCase.retryAfter)
            if case .error(_, _, let message) = testCase.fault {
                #expect(failure?.message.contains(message) == true)
            }
            #expect(harness.leakedSecrets(connection).isEmpty)
            #expect(!(failure?.message.contains(connection.credentials?.accessToken ?? "-") ?? true))
        }
    }

    @Test func anExpiredSessionIsAuthExpired() async throws {
        try await SalesforceHarness.run { harness in
            let connection = harness.connection()
            harness.salesforce.oauth.expireAccessTokens()
            let failure = await #expect(throws: ErrorDocument.self) {
                let _: Page<Container> = try await harness.call(.listContainers, ListRequest(), connection: connection)
            }
            #expect(failure?.code == "auth_expired")
            #expect(failure?.details?["providerStatus"] == 401)
        }
    }

    @Test func anUnknownObjectIsNotFoundAndAnUnqueryableOneInvalid() async throws {
        try await SalesforceHarness.run { harness in
            let connection = harness.connection()
            let missing = await #expect(throws: ErrorDocument.self) {
                let _: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "Nothing__c"), connection: connection)
            }
            #expect(missing?.code == "not_found")
            let unqueryable = await #expect(throws: ErrorDocument.self) {
                let _: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "AccountChangeEvent"), connection: connection)
            }
            #expect(unqueryable?.code == "invalid_input")
        }
    }

    @Test func aSalesforceThatDoesNotAnswerInTimeIsUnavailable() async throws {
        try await SalesforceHarness.run(egress: EgressConfiguration(defaultTimeout: .milliseconds(500))) { harness in
            harness.salesforce.inject(.slow(.seconds(3)))
            let failure = await #expect(throws: ErrorDocument.self) {
                let _: Page<Container> = try await harness.call(.listContainers, ListRequest(), connection: harness.connection())
            }
            #expect(failure?.code == "upstream_unavailable")
        }
    }

    @Test func aSlowAnswerWithinTheTimeoutIsServed() async throws {
        try await SalesforceHarness.run { harness in
            harness.salesforce.inject(.slow(.milliseconds(300)))
            let page: Page<Container> = try await harness.call(.listContainers, ListRequest(limit: 1), connection: harness.connection())
            #expect(page.items.map(\.id) == ["Account"])
        }
    }
}
