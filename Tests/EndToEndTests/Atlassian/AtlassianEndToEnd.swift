import Testing

/// Every Jira and Confluence end-to-end suite, one test at a time: each test
/// starts a host and two stand-in servers, and the machines that run the
/// suites are small and shared.
@Suite(.serialized) struct AtlassianEndToEnd {}
