import ConnectorModel
import Logging
import Metrics
import Synchronization

import Foundation

/// The set of connectors the host serves, kept in step with the plugins directory.
///
/// Lookups are lock-protected reads on the request path. Loading, upgrading and
/// retiring run one at a time on a thread of their own, because dlopen, entry
/// points and shutdown hooks block.
public final class PluginRegistry: Sendable {
    public let directory: String
    private let loader: PluginLoader
    private let logger: Logger
    private let onEvent: @Sendable (PluginEvent) -> Void
    private let loaderThread = LoaderThread(name: "plugin-loader")
    private let state = Mutex(State())
    let watching = Mutex<(watcher: PluginDirectoryWatcher, changes: AsyncStream<PluginDirectoryWatcher.Change>)?>(nil)

    struct State {
        var active: [String: LoadedPlugin] = [:]
        /// Which connector each plugin file provides.
        var owners: [String: String] = [:]
        var refused: [String: RefusedPlugin] = [:]
        var identities: [String: FileIdentity] = [:]
        /// Replaced or removed plugins still finishing calls.
        var retiring: [ObjectIdentifier: LoadedPlugin] = [:]
    }

    /// - Parameter privateDirectory: where private copies are opened from; a fresh
    ///   temporary directory when nil.
    public init(
        directory: String,
        services: PluginHostServices,
        privateDirectory: String? = nil,
        onEvent: @escaping @Sendable (PluginEvent) -> Void = { _ in }
    ) throws {
        self.directory = directory
        self.loader = PluginLoader(privateDirectory: try privateDirectory ?? Self.makePrivateDirectory(), services: services)
        self.logger = services.logger
        self.onEvent = onEvent
    }

    deinit {
        watching.withLock { $0?.watcher.stop() }
        loaderThread.stop()
    }

    // MARK: Lookup

    /// The plugin currently serving `id`.
    public func plugin(_ id: String) -> LoadedPlugin? {
        state.withLock { $0.active[id] }
    }

    /// Loaded plugins, by connector id.
    public var loaded: [LoadedPlugin] {
        state.withLock { $0.active.values.sorted { $0.id < $1.id } }
    }

    /// Files refused since they last changed.
    public var refused: [RefusedPlugin] {
        state.withLock { $0.refused.values.sorted { $0.file < $1.file } }
    }

    /// Calls `operation` on connector `id` and returns its response document.
    public nonisolated(nonsending) func invoke(
        _ id: String,
        _ operation: ConnectorModel.Operation,
        request: [UInt8],
        context: PluginCallContext,
        timeout: Duration
    ) async throws(PluginCallError) -> [UInt8] {
        // A plugin may retire between lookup and call; the second lookup finds its successor.
        for _ in 0..<2 {
            guard let plugin = plugin(id) else { break }
            switch await plugin.invoke(operation.rawValue, request: request, context: context, timeout: timeout) {
            case .success(let response): return response
            case .failure(.unknownConnector): continue
            case .failure(let error): throw error
            }
        }
        throw .unknownConnector(id)
    }

    /// Gives up on calls past their deadline, in active and retiring plugins.
    public func expireOverdueCalls() {
        let now = ContinuousClock.now
        let plugins = state.withLock { Array($0.active.values) + Array($0.retiring.values) }
        for plugin in plugins { plugin.expireOverdueCalls(now: now) }
    }

    // MARK: Changes

    /// Brings the registry in line with the directory: loads new and changed files, retires removed ones.
    @discardableResult
    public func rescan() async -> RescanReport {
        await onQueue {
            var report = RescanReport()
            let present = Set(self.pluginFiles())
            for file in present.sorted() { self.install(file, into: &report) }
            let known = self.state.withLock { Set($0.identities.keys) }
            for file in known.subtracting(present).sorted() { self.uninstall(file, into: &report) }
            return report
        }
    }

    /// A file was written or moved into the directory.
    public func fileWritten(_ file: String) async {
        await onQueue {
            var report = RescanReport()
            self.install(file, into: &report)
        }
    }

    /// A file was deleted or moved out of the directory.
    public func fileRemoved(_ file: String) async {
        await onQueue {
            var report = RescanReport()
            self.uninstall(file, into: &report)
        }
    }

    /// Retires every plugin and waits until each has shut down.
    public func shutdown() async {
        let plugins = state.withLock { state in
            defer {
                state.active.removeAll()
                state.owners.removeAll()
            }
            return Array(state.active.values)
        }
        await withTaskGroup(of: Void.self) { group in
            for plugin in plugins {
                group.addTask {
                    await withCheckedContinuation { continuation in
                        self.retire(plugin) { continuation.resume() }
                    }
                }
            }
        }
    }

    // MARK: - Private (on the loader thread)

    private func install(_ file: String, into report: inout RescanReport) {
        guard let identity = FileIdentity(file) else {
            uninstall(file, into: &report)
            return
        }
        guard state.withLock({ $0.identities[file] }) != identity else {
            report.unchanged.append(file)
            return
        }
        switch loader.load(file) {
        case .failure(let refusal):
            state.withLock { $0.identities[file] = identity }
            refuse(file, refusal)
            report.refused.append(file)
        case .success(let plugin):
            let outcome = state.withLock { state -> (replaced: [LoadedPlugin], duplicateOf: String?) in
                if let holder = state.active[plugin.id], holder.file != file {
                    state.identities[file] = identity
                    return ([], holder.file)
                }
                var replaced: [LoadedPlugin] = []
                if let previousId = state.owners[file], previousId != plugin.id, let previous = state.active.removeValue(forKey: previousId) {
                    replaced.append(previous)
                }
                if let previous = state.active[plugin.id] { replaced.append(previous) }
                state.active[plugin.id] = plugin
                state.owners[file] = plugin.id
                state.refused[file] = nil
                state.identities[file] = identity
                return (replaced, nil)
            }
            if let holder = outcome.duplicateOf {
                plugin.shutdown()
                refuse(file, PluginRefusal(.registry, field: "plugin_id", "connector \"\(plugin.id)\" is already provided by \(holder)"))
                report.refused.append(file)
                return
            }
            let upgraded = outcome.replaced.first { $0.id == plugin.id }
            if let upgraded {
                record(.upgraded(id: plugin.id, from: upgraded.version, to: plugin.version, file: file))
                report.upgraded.append(file)
            } else {
                record(.loaded(id: plugin.id, version: plugin.version, file: file))
                report.loaded.append(file)
            }
            for old in outcome.replaced {
                if old.id != plugin.id { record(.removed(id: old.id, version: old.version, file: old.file)) }
                retire(old) {}
            }
        }
    }

    private func uninstall(_ file: String, into report: inout RescanReport) {
        let removed = state.withLock { state -> LoadedPlugin? in
            state.identities[file] = nil
            state.refused[file] = nil
            guard let id = state.owners.removeValue(forKey: file) else { return nil }
            return state.active.removeValue(forKey: id)
        }
        guard let removed else { return }
        record(.removed(id: removed.id, version: removed.version, file: file))
        report.removed.append(file)
        retire(removed) {}
    }

    /// Stops routing to `plugin`; shuts it down on the loader thread once its last call completed.
    private func retire(_ plugin: LoadedPlugin, then done: @escaping @Sendable () -> Void) {
        state.withLock { $0.retiring[ObjectIdentifier(plugin)] = plugin }
        plugin.retire {
            self.loaderThread.submit {
                plugin.shutdown()
                self.state.withLock { _ = $0.retiring.removeValue(forKey: ObjectIdentifier(plugin)) }
                self.logger.info("plugin shut down", metadata: ["connector": "\(plugin.id)", "version": "\(plugin.version)"])
                done()
            }
        }
    }

    private func refuse(_ file: String, _ refusal: PluginRefusal) {
        state.withLock { $0.refused[file] = RefusedPlugin(file: file, refusal: refusal, refusedAt: Date()) }
        record(.refused(file: file, refusal: refusal))
    }

    private func record(_ event: PluginEvent) {
        switch event {
        case .loaded(let id, let version, let file):
            logger.info("plugin loaded", metadata: ["connector": "\(id)", "version": "\(version)", "file": "\(file)"])
            Counter(label: "plugin_loads_total", dimensions: [("connector", id)]).increment()
        case .upgraded(let id, let from, let to, let file):
            logger.info("plugin upgraded", metadata: ["connector": "\(id)", "from": "\(from)", "to": "\(to)", "file": "\(file)"])
            Counter(label: "plugin_loads_total", dimensions: [("connector", id)]).increment()
        case .removed(let id, let version, let file):
            logger.info("plugin removed", metadata: ["connector": "\(id)", "version": "\(version)", "file": "\(file)"])
        case .refused(let file, let refusal):
            logger.warning(
                "plugin refused",
                metadata: ["file": "\(file)", "stage": "\(refusal.stage.rawValue)", "field": "\(refusal.field)", "reason": "\(refusal.reason)"])
            Counter(label: "plugin_refusals_total", dimensions: [("stage", refusal.stage.rawValue)]).increment()
        }
        onEvent(event)
    }

    private func pluginFiles() -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return entries.filter(PluginFiles.isCandidate).map { directory + "/" + $0 }
    }

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            loaderThread.submit { continuation.resume(returning: work()) }
        }
    }

    private static func makePrivateDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("connector-host-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
