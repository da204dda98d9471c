import ConnectorModel
import Foundation
import HostServer
import HostTesting
import StandIns
import TestKit
import Testing

/// A host dies (SIGKILL) in the middle of a sync job; another host sharing its
/// store takes the job over once the lease lapses and finishes it from the
/// last checkpoint.
@Suite struct SalesforceJobCrashResumeTests {
    @Test func aJobWhoseHostWasKilledIsResumedFromItsCheckpointByAnotherHost() async throws {
        try await SalesforceJobResumption.withShared("salesforce-crash") { shared in
            let salesforce = shared.salesforce
            let survivor = try await HostHarness.make(plugins: try SalesforceHost.plugins(), configure: shared.configure)
            defer { survivor.remove() }

            // The first host: `connector-host serve` in a child process, on the same store with the same key.
            let plugins = shared.folder.file("plugins")
            try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: try Repository.plugin("Salesforce"), to: plugins.appendingPathComponent("salesforce.so"))
            let settings = [
                "APP_ENV": "test", "AUTH_MODE": "development", "HOST": "127.0.0.1", "PORT": "0", "PLUGINS_DIR": plugins.path,
                "SQLITE_PATH": shared.storePath, "ENCRYPTION_KEY": try #require(survivor.configuration.encryptionKey),
                "SYNC_JOB_LEASE_SECONDS": "1", "SYNC_PAGE_SIZE": String(SalesforceJobResumption.pageSize), "LOG_LEVEL": "info",
            ]
            let interruption = try await ChildHost.run(settings: settings, in: shared.folder) { port, kill in
                let first = SalesforceSession(rest: try HostSocketClient(port: port), salesforce: salesforce)
                let interruption = try await SalesforceJobResumption.startAndProgress(first)
                kill()
                return interruption
            }
            // The dead host's sessions end too, so what the survivor sends can be told apart.
            salesforce.oauth.expireAccessTokens()

            try await survivor.serve { rest in
                let second = SalesforceSession(rest: rest, salesforce: salesforce)
                let left = try await second.job(interruption.jobId)
                #expect(left["status"] == "running" || left["status"] == "succeeded", "\(left)")
                try await SalesforceJobResumption.checkResumed(second, interruption, accounts: shared.accounts)
                #expect(salesforce.refreshTokenGrants == 1)
            }
        }
    }
}
