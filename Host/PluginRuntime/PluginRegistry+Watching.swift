/// Following the plugins directory while the host serves.
extension PluginRegistry {
    /// Starts following the directory. Call before the first `rescan()` so a
    /// file that lands in between is not missed; `run()` applies the changes.
    public func startWatching() throws {
        let watcher = try PluginDirectoryWatcher(directory: directory)
        let (changes, continuation) = AsyncStream<PluginDirectoryWatcher.Change>.makeStream()
        watcher.start { continuation.yield($0) }
        watching.withLock { $0 = (watcher, changes) }
    }

    /// Applies directory changes and enforces call deadlines until the task is cancelled.
    /// Without a watcher (inotify unavailable), rescans every `pollInterval` instead.
    public func run(pollInterval: Duration = .seconds(2)) async {
        let watch = watching.withLock { $0 }
        await withTaskGroup(of: Void.self) { group in
            if let changes = watch?.changes {
                group.addTask {
                    for await change in changes {
                        switch change {
                        case .written(let file): await self.fileWritten(file)
                        case .removed(let file): await self.fileRemoved(file)
                        }
                    }
                }
            } else {
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: pollInterval)
                        await self.rescan()
                    }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.deadlineSweepInterval)
                    self.expireOverdueCalls()
                }
            }
            await group.waitForAll()
        }
        watch?.watcher.stop()
    }

    /// How late a timed-out call may be noticed.
    static var deadlineSweepInterval: Duration { .milliseconds(50) }
}
