import StandIns

/// One test's view of a running host and the Salesforce stand-in it is
/// configured for.
struct SalesforceSession: HostSession {
    static let feedPageSize = 7

    let rest: HostSocketClient
    let salesforce: SalesforceStandIn
}
