import NIOCore
import NIOPosix
import TestKit

/// A port on 127.0.0.1 that nothing listens on right now: the kernel's
/// choice for port 0, released at once so the host can bind it.
enum FreeTCPPort {
    static func pick() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port
        try await channel.close()
        guard let port, port > 0 else { throw TestKitError("the kernel named no free port") }
        return port
    }
}
