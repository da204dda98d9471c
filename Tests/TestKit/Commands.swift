import Foundation

/// Runs an executable and returns its standard output; throws with its
/// standard error when it exits non-zero. The wait happens on a thread of its
/// own: tests run on a pool of only as many threads as cores, and a blocked
/// pool thread stalls every other test.
@discardableResult
public func runCommand(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try runCommandBlocking(executable, arguments, environment: environment) })
        }
    }
}

private func runCommandBlocking(_ executable: String, _ arguments: [String], environment: [String: String]?) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestKitError(
            "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: errorData, as: UTF8.self))")
    }
    return String(decoding: outputData, as: UTF8.self)
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
