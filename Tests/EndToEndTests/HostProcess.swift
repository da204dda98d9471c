import Egress
import Foundation
import Logging
import TestKit

/// The real `connector-host` executable, started as a child process on a free
/// port, for tests that must kill it.
final class HostProcess: @unchecked Sendable {
    // @unchecked: `process` is set once in init and only read afterwards.
    let port: Int
    let process: Process
    let egress: EgressClient

    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(pluginsDirectory: String, sqlitePath: String) async throws {
        port = try Self.freePort()
        process = Process()
        process.executableURL = Repository.buildDirectory.appendingPathComponent("connector-host")
        process.arguments = ["serve", "--env-file", "/nonexistent", "--port", String(port), "--plugins-dir", pluginsDirectory]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "SQLITE_PATH": sqlitePath, "AUTH_MODE": "development", "LOG_LEVEL": "ERROR",
            "ENCRYPTION_KEY": "J0AwVdjOlSXU4RxhgEK8DtCeTaEpW5ijhGv8yvCvCmI=",
        ]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var logger = Logger(label: "host-process-client")
        logger.logLevel = .critical
        egress = EgressClient(logger: logger)
        try process.run()
        try await eventually(timeout: .seconds(30), "connector-host to be ready") { [self] in
            (try? await egress.send(EgressRequest(method: "GET", url: baseURL + "/ready")))?.status == 200
        }
    }

    /// Sends JSON and returns status and body.
    func send(_ method: String, _ path: String, json: String? = nil, tenant: String = "acme") async throws -> (status: Int, body: String) {
        var headers = [EgressHeader(name: "X-Tenant-Id", value: tenant)]
        if json != nil { headers.append(EgressHeader(name: "Content-Type", value: "application/json")) }
        let response = try await egress.send(
            EgressRequest(method: method, url: baseURL + path, headers: headers, body: Array((json ?? "").utf8), timeout: .seconds(10)))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    /// SIGKILL: no shutdown of any kind.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        egress.shutdown()
    }

    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw TestKitError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
