import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command to completion without blocking a cooperative thread; input
/// and output go through temporary files, so no pipe can fill up and stall it.
///
/// Spawned with `posix_spawn` and reaped with `waitpid` on a thread of its
/// own rather than with Foundation's `Process`: the service scripts leave a
/// server running, and on Linux `Process` notices its child's exit only when
/// every descriptor the child inherited is closed, which that server keeps open.
public enum ChildProcess {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// `environment` is merged over this process's own.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], input: String = "")
        async throws -> Output
    {
        let scratch = try TemporaryDirectory("child-process")
        defer { scratch.remove() }
        let files = ["stdin", "stdout", "stderr"].map(scratch.file)
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
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw TestKitError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
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
            status: exitCode, stdout: try String(contentsOf: files[1], encoding: .utf8),
            stderr: try String(contentsOf: files[2], encoding: .utf8))
    }
}
