import CMongoc
import Logging
import Synchronization

/// libmongoc's own log lines (topology changes, server selection, deprecation
/// warnings) would go to stderr as plain text; routed through swift-log they
/// join the host's structured log, with every known URL credential masked.
/// libmongoc has one handler per process, so the newest store's logger wins.
enum MongocLog {
    /// Runs `mongoc_init` and installs the handler, once per process, before
    /// the first libmongoc call; remembers `secrets` so no libmongoc line shows them.
    static func initialise(hiding secrets: [String], logger: Logger) {
        state.withLock { state in
            state.secrets.formUnion(secrets)
            state.logger = logger
        }
        _ = initialised
    }

    private static let initialised: Void = {
        mongoc_init()
        mongoc_log_set_handler({ level, domain, message, _ in MongocLog.forward(level, domain, message) }, nil)
    }()

    private static let state = Mutex((secrets: Set<String>(), logger: Logger(label: "libmongoc")))

    /// Runs under libmongoc's logging lock: it must not call back into libmongoc.
    private static func forward(_ level: mongoc_log_level_t, _ domain: UnsafePointer<CChar>?, _ message: UnsafePointer<CChar>?) {
        let (secrets, logger) = state.withLock { ($0.secrets.sorted { $0.count > $1.count }, $0.logger) }
        let text = MongoURL.redact(message.map { String(cString: $0) } ?? "", secrets)
        logger.log(level: Logger.Level(level), "\(text)", metadata: ["mongoc.domain": .string(domain.map { String(cString: $0) } ?? "")])
    }
}

extension Logger.Level {
    fileprivate init(_ level: mongoc_log_level_t) {
        switch level {
        case MONGOC_LOG_LEVEL_ERROR: self = .error
        case MONGOC_LOG_LEVEL_CRITICAL: self = .critical
        case MONGOC_LOG_LEVEL_WARNING: self = .warning
        case MONGOC_LOG_LEVEL_MESSAGE: self = .notice
        case MONGOC_LOG_LEVEL_INFO: self = .info
        case MONGOC_LOG_LEVEL_DEBUG: self = .debug
        default: self = .trace
        }
    }
}
