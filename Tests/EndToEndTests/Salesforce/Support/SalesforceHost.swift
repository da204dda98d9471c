import Foundation
import HostServer
import HostTesting
import StandIns
import TestKit
import Testing

/// A host serving the Salesforce plugin over a socket, configured for a fresh
/// Salesforce stand-in the way an operator does it (PATCH over REST). Both stop
/// when `body` ends, whether it returned or threw.
enum SalesforceHost {
    static func plugins() throws -> [String: URL] {
        ["salesforce.so": try Repository.plugin("Salesforce")]
    }

    static func run(
        app: SalesforceOAuthState.ConnectedApp = .init(),
        configure: (inout HostConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (SalesforceSession, HostHarness) async throws -> Void
    ) async throws {
        let salesforce = try await SalesforceStandIn.start(app: app)
        do {
            let harness = try await HostHarness.make(plugins: try plugins(), configure: configure)
            defer { harness.remove() }
            try await harness.serve { rest in
                let session = SalesforceSession(rest: rest, salesforce: salesforce)
                let settings = try await session.configureOperatorSettings()
                try #require(settings.status == 200, "operator settings: \(settings.text)")
                try await body(session, harness)
            }
        } catch {
            await salesforce.stop()
            throw error
        }
        await salesforce.stop()
    }
}
