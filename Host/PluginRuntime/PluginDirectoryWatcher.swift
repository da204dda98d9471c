import Foundation
import Synchronization

/// Watches the plugins directory with inotify and reports `*.so` files that
/// were written, moved in, deleted or moved out.
///
/// Deployers should write a temporary (dot- or non-.so) name and rename() it
/// into place; IN_CLOSE_WRITE also catches a plain `cp` once the copy is closed.
final class PluginDirectoryWatcher: Sendable {
    enum Change: Sendable {
        case written(String)
        case removed(String)
    }

    private let directory: String
    private let inotify: Int32
    /// A pipe whose write end wakes the thread for `stop()`.
    private let wake: (read: Int32, write: Int32)
    private let stopped = Atomic<Bool>(false)

    init(directory: String) throws {
        self.directory = directory
        inotify = inotify_init1(Int32(IN_CLOEXEC))
        guard inotify >= 0 else { throw WatchError("inotify_init1 failed: \(String(cString: strerror(errno)))") }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM)
        guard inotify_add_watch(inotify, directory, mask) >= 0 else {
            close(inotify)
            throw WatchError("cannot watch \(directory): \(String(cString: strerror(errno)))")
        }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            close(inotify)
            throw WatchError("pipe failed: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        wake = (fds[0], fds[1])
    }

    /// Starts a dedicated thread that calls `onChange` for every relevant event.
    func start(onChange: @escaping @Sendable (Change) -> Void) {
        let thread = Thread { [self] in self.loop(onChange) }
        thread.name = "plugin-watcher"
        thread.start()
    }

    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    private func loop(_ onChange: @Sendable (Change) -> Void) {
        defer {
            close(inotify)
            close(wake.read)
            close(wake.write)
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !stopped.load(ordering: .acquiring) {
            var fds = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 2, -1) >= 0 else {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            let count = read(inotify, &buffer, buffer.count)
            guard count > 0 else { continue }
            for change in Self.parse(buffer[0..<count], directory: directory) { onChange(change) }
        }
    }

    /// Decodes a batch of `struct inotify_event` records.
    static func parse(_ bytes: ArraySlice<UInt8>, directory: String) -> [Change] {
        var changes: [Change] = []
        let headerSize = MemoryLayout<inotify_event>.size
        bytes.withUnsafeBytes { raw in
            var position = 0
            while position + headerSize <= raw.count {
                let event = raw.loadUnaligned(fromByteOffset: position, as: inotify_event.self)
                let nameStart = position + headerSize
                let nameBytes = raw[nameStart..<min(nameStart + Int(event.len), raw.count)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                position = nameStart + Int(event.len)
                guard PluginFiles.isCandidate(name) else { continue }
                let path = directory + "/" + name
                if event.mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 {
                    changes.append(.removed(path))
                } else {
                    changes.append(.written(path))
                }
            }
        }
        return changes
    }
}

struct WatchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Which files in the plugins directory are plugins.
enum PluginFiles {
    /// `*.so`, not hidden: temporary files of a deploy are neither.
    static func isCandidate(_ name: String) -> Bool {
        name.hasSuffix(".so") && !name.hasPrefix(".")
    }
}
