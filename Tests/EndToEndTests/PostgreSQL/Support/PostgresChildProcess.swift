import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command to completion without blocking a cooperative thread; input
/// and output go through temporary files, so no pipe can fill up and stall it.
///
/// `posix_spawn` and `waitpid` on a thread of its own rather than Foundation's
/// `Process` (as in Tests/PostgreSQLConnectorTests): `postgres.sh start` leaves
/// a server running, and on Linux `Process` notices its child's exit only when
/// every descriptor the child inherited is closed, which that server keeps open.
enum PostgresChildProcess {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], input: String = "") async throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("postgres-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let files = ["stdin", "stdout", "stderr"].map { scratch.appendingPathComponent($0) }
        try Data(input.utf8).write(to: files[0])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, files[0].path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, files[1].path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, files[2].path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }.map { "\($0)=\($1)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw PostgresTestError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        let child = pid

        let status = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(child, &status, 0) == -1 && errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(
            status: exitCode, stdout: try String(contentsOf: files[1], encoding: .utf8), stderr: try String(contentsOf: files[2], encoding: .utf8))
    }
}

/// A failure of the PostgreSQL end-to-end tests' own plumbing (psql, the server script).
struct PostgresTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
