import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where finished log lines go: standard output, or a closure in tests.
public struct LogSink: Sendable {
    let write: @Sendable (String) -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// One line per record on standard output, never interleaved.
    public static let standardOutput = LogSink { line in
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        outputLock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }

    private static let outputLock = Mutex(())
}

/// Keeps every line in memory; tests read it to prove what was (not) logged.
public final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    public var sink: LogSink { LogSink { line in self.lines.withLock { $0.append(line) } } }

    public var all: [String] { lines.withLock { $0 } }

    public var text: String { all.joined(separator: "\n") }
}
