import Foundation

/// Runs an executable and returns its standard output; throws with its
/// standard error when it exits non-zero.
@discardableResult
public func runCommand(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> String {
    let output = try await ChildProcess.run(executable, arguments, environment: environment)
    guard output.status == 0 else {
        throw TestKitError("\(executable) \(arguments.joined(separator: " ")) exited \(output.status): \(output.stderr)")
    }
    return output.stdout
}

/// Waits until `condition` holds, checking every `interval`; throws after `timeout`.
public func eventually(
    timeout: Duration = .seconds(30), interval: Duration = .milliseconds(20), _ what: String,
    _ condition: @Sendable () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: interval)
    }
    throw TestKitError("timed out waiting for \(what)")
}
