import Foundation
import Logging
import Store
import StoreSQLite

/// MongoDB when `MONGODB_URL` is set, the embedded SQLite store otherwise.
enum StoreFactory {
    static func make(_ configuration: HostConfiguration, logger: Logger) throws -> any HostStore {
        let directory = (configuration.sqlitePath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        logger.info("using the embedded SQLite store", metadata: ["path": .string(configuration.sqlitePath)])
        return SQLiteStore(path: configuration.sqlitePath)
    }
}
