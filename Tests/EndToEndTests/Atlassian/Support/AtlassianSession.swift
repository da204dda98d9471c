import ConnectorModel
import HostTesting
import StandIns
import Testing

/// One test's view of a running host and the Atlassian stand-ins it is
/// configured for.
struct AtlassianSession: HostSession {
    /// The callback URL the stand-in's OAuth app has registered.
    static let redirectUri = "https://host.example.com/oauth/callback"
    static let feedPageSize = 9

    let cloud: AtlassianCloudStandIn
    /// The in-process host, when the test runs one (nil for a host in a child process).
    let harness: HostHarness?
    let rest: HostSocketClient

    /// Where the host listens, as `publicBaseURL` names it.
    var baseURL: String { "http://127.0.0.1:\(rest.port)" }

    /// The connection as the host shows it.
    func connection(_ connectionId: String) async throws -> JSONValue {
        let shown = try await get("/api/connections/\(connectionId)")
        try #require(shown.status == 200, "connection: \(shown.text)")
        return shown.data
    }
}
