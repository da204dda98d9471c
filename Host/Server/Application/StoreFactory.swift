import Foundation
import Logging
import Store
import StoreMongoDB
import StoreSQLite

/// MongoDB when `MONGODB_URL` is set, the embedded SQLite store otherwise.
enum StoreFactory {
    static func make(_ configuration: HostConfiguration, logger: Logger) throws -> any HostStore & SyncStore {
        if let url = configuration.mongoURL {
            let store = try MongoStore(url: url, database: configuration.mongoDatabase, libmongocLog: logger)
            logger.info("using MongoDB", metadata: ["url": .string(store.displayURL), "database": .string(store.database)])
            return store
        }
        let directory = (configuration.sqlitePath as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        } catch {
            // The host still starts: requests answer 503 until the folder can be written.
            logger.error("the SQLite store's folder cannot be created", metadata: ["path": .string(directory), "error": .string("\(error)")])
        }
        logger.info("using the embedded SQLite store", metadata: ["path": .string(configuration.sqlitePath)])
        return SQLiteStore(path: configuration.sqlitePath)
    }
}
