import ConnectorModel
import Testing

@testable import PostgreSQLConnector

/// `probe` with a connection describes the server; without one it reports onboarding readiness (`ManifestTests`).
@Suite struct ProbeTests {
    @Test(arguments: CredentialForm.allCases)
    func describesTheServer(_ form: CredentialForm) async throws {
        try await withHarness(form: form) { harness in
            let result = try await harness.call(.probe, NoInput(), as: ProbeResult.self)
            #expect(result.status == .ready, "\(result.message)")
            let details = try #require(result.details)
            #expect(details["serverVersion"]?.stringValue?.hasPrefix("15") == true)
            #expect((details["serverVersionNumber"]?.intValue ?? 0) >= 150_000)
            #expect(details["role"]?.stringValue == harness.database.owner.user)
            #expect(details["database"]?.stringValue == harness.database.owner.database)
            #expect((details["databaseSizeBytes"]?.intValue ?? 0) > 0)
            #expect(details["inRecovery"] == .bool(false))
        }
    }

    @Test func anUnreachableServerIsReported() async throws {
        try await withHarness { harness in
            let closed = CredentialForm.basic.connection(harness.database.owner, port: 1)
            let result = try await harness.call(.probe, NoInput(), connection: closed, as: ProbeResult.self)
            #expect(result.status == .unreachable)
            #expect(result.details?["code"]?.stringValue == ErrorDocument.Code.upstreamUnavailable)
        }
    }
}
