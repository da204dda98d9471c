import Foundation

/// Runs this test binary again as a child that writes to an SQLite store
/// (`SQLiteDurabilityTests.crashWriterChild`), and kills it with SIGKILL in the
/// middle of its burst of writes.
enum CrashWriter {
    static let environmentKey = "STORE_TESTS_CRASH_WRITER_DB"
    static let acknowledgement = "ACK "
    /// Bounds the child if nobody kills it.
    static let maximumWrites = 20_000

    /// The database the child writes to; set only in the child.
    static var databasePath: String? { ProcessInfo.processInfo.environment[environmentKey] }

    /// Starts the child, kills it once it has acknowledged `count` writes, and
    /// returns every id it acknowledged before it died.
    static func runAndKill(databasePath: String, afterAcknowledgements count: Int) async throws -> [String] {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        child.arguments = ["--testing-library", "swift-testing", "--filter", "crashWriterChild"]
        child.environment = ProcessInfo.processInfo.environment.merging([environmentKey: databasePath]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        child.standardInput = FileHandle.nullDevice
        try child.run()

        // Reading blocks, so it runs on a thread of its own, not the cooperative pool.
        let acknowledged: [String] = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: readAcknowledgements(output.fileHandleForReading, killing: child, after: count))
            }
        }
        child.waitUntilExit()
        guard child.terminationReason == .uncaughtSignal, child.terminationStatus == SIGKILL else {
            throw CrashWriterError(
                "the writer was not killed mid-burst (reason \(child.terminationReason.rawValue), status \(child.terminationStatus), "
                    + "\(acknowledged.count) acknowledged)")
        }
        return acknowledged
    }

    /// Every acknowledged id until end of file; sends SIGKILL after the `count`th.
    private static func readAcknowledgements(_ handle: FileHandle, killing child: Process, after count: Int) -> [String] {
        var acknowledged: [String] = []
        var pending = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                guard line.hasPrefix(acknowledgement) else { continue }
                acknowledged.append(String(line.dropFirst(acknowledgement.count)))
                if acknowledged.count == count { kill(child.processIdentifier, SIGKILL) }
            }
        }
        return acknowledged
    }
}

struct CrashWriterError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
