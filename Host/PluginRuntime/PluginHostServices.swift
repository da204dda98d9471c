import ConnectorModel
import Egress
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// What the host offers every plugin through its function table.
public struct PluginHostServices: Sendable {
    /// Performs plugin HTTP requests (libcurl).
    public var egress: EgressClient
    /// Parent logger of every plugin log line.
    public var logger: Logger
    /// Nanoseconds since the Unix epoch; tests may drive it.
    public var clock: @Sendable () -> Int64
    /// Stores refreshed or rotated credentials for the call's connection, encrypted, before returning.
    public var saveCredentials: @Sendable (_ connector: String, _ context: PluginCallContext, _ credentials: Credentials) async throws -> Void

    public init(
        egress: EgressClient,
        logger: Logger,
        clock: @escaping @Sendable () -> Int64 = PluginHostServices.systemClock,
        saveCredentials: @escaping @Sendable (String, PluginCallContext, Credentials) async throws -> Void
    ) {
        self.egress = egress
        self.logger = logger
        self.clock = clock
        self.saveCredentials = saveCredentials
    }

    public static let systemClock: @Sendable () -> Int64 = {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
