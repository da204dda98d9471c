import ConnectorModel
import Logging
import ServiceLifecycle
import Store

import struct Foundation.Date
import struct Foundation.UUID

/// Runs sync jobs: leases one at a time from the store (so only one host runs
/// a given job), pages through the connector's changes, stores each page's
/// records, then its checkpoint, and renews the lease. A job whose host died
/// is picked up by any host once its lease expires, from its last checkpoint.
struct SyncJobRunner: Service {
    let store: any SyncStore & HostStore
    let connections: ConnectionService
    let connected: ConnectedCalls
    let logger: Logger
    let lease: Duration
    let pageSize: Int
    let wakeUp: WakeUpSignal
    /// This host's name in job leases.
    let owner = "host-" + UUID().uuidString.prefix(8).lowercased()

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if await runNextJob() { continue }
                // Idle: wake for a new job, or poll now and then for leases other hosts abandoned.
                await wakeUp.wait(timeout: .seconds(1))
            }
        }
    }

    /// Leases and runs one job; false when there was none.
    func runNextJob() async -> Bool {
        let job: SyncJobRecord?
        do {
            job = try await store.leaseNextJob(owner: owner, until: Date().addingTimeInterval(lease.seconds), now: Date())
        } catch {
            logger.warning("cannot lease sync jobs", metadata: ["error": .string(error.description)])
            return false
        }
        guard let job else { return false }
        var execution = SyncJobExecution(runner: self, job: job)
        await execution.run()
        return true
    }
}
