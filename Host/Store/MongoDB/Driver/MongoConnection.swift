import CMongoc
import Store

/// One pooled client and the CRUD calls the store needs, used by one worker
/// thread only. Every call blocks that thread until MongoDB answers (bounded
/// by the URL's timeouts).
final class MongoConnection {
    private let client: OpaquePointer
    private let database: String
    private let url: MongoURL
    private var collections: [String: OpaquePointer] = [:]

    init(client: OpaquePointer, database: String, url: MongoURL) {
        self.client = client
        self.database = database
        self.url = url
    }

    /// Releases the collection handles; the client goes back to the pool afterwards.
    func close() {
        for handle in collections.values { mongoc_collection_destroy(handle) }
        collections.removeAll()
    }

    func insert(_ document: BSONDocument, into collection: String) throws(MongoFailure) {
        let document = try owned(document)
        var error = bson_error_t()
        guard mongoc_collection_insert_one(handle(collection), document.pointer, nil, nil, &error) else { throw failure(error) }
    }

    /// Replaces the document matching `filter`; returns how many matched (0 or 1).
    func replace(in collection: String, filter: BSONDocument, with document: BSONDocument, upsert: Bool) throws(MongoFailure) -> Int64 {
        let (filter, document, options) = (try owned(filter), try owned(document), try owned(["upsert": .bool(upsert)]))
        let reply = try withReply { reply, error in
            mongoc_collection_replace_one(handle(collection), filter.pointer, document.pointer, options.pointer, reply, &error)
        }
        return reply["matchedCount"]?.integerValue ?? 0
    }

    /// Deletes the document matching `filter`; returns how many were deleted (0 or 1).
    func deleteOne(in collection: String, filter: BSONDocument) throws(MongoFailure) -> Int64 {
        let filter = try owned(filter)
        let reply = try withReply { reply, error in
            mongoc_collection_delete_one(handle(collection), filter.pointer, nil, reply, &error)
        }
        return reply["deletedCount"]?.integerValue ?? 0
    }

    /// The documents matching `filter`, in `sort` order, at most `limit` (0: no limit).
    func find(in collection: String, filter: BSONDocument, sort: BSONDocument = [:], limit: Int = 0) throws(MongoFailure) -> [BSONDocument] {
        var options: BSONDocument = [:]
        if !sort.fields.isEmpty { options.append("sort", .document(sort)) }
        if limit > 0 { options.append("limit", .int64(Int64(limit))) }
        let (filter, ownedOptions) = (try owned(filter), try owned(options))
        guard let cursor = mongoc_collection_find_with_opts(handle(collection), filter.pointer, ownedOptions.pointer, nil) else {
            throw MongoFailure(StoreError(.unavailable, "libmongoc could not create a cursor on \(collection)"))
        }
        defer { mongoc_cursor_destroy(cursor) }
        var documents: [BSONDocument] = []
        var next: OpaquePointer?
        while mongoc_cursor_next(cursor, &next), let next {
            documents.append(try read(next))
        }
        var error = bson_error_t()
        if mongoc_cursor_error(cursor, &error) { throw failure(error) }
        return documents
    }

    /// Runs a command on the store's database (or `database`) and returns the reply.
    @discardableResult
    func command(_ command: BSONDocument, database: String? = nil) throws(MongoFailure) -> BSONDocument {
        let command = try owned(command)
        let name = database ?? self.database
        return try withReply { reply, error in
            mongoc_client_write_command_with_opts(client, name, command.pointer, nil, reply, &error)
        }
    }

    private func handle(_ collection: String) -> OpaquePointer {
        if let cached = collections[collection] { return cached }
        let created = mongoc_client_get_collection(client, database, collection)!
        collections[collection] = created
        return created
    }

    /// Runs `call` with a reply for libmongoc to fill in and an error out-parameter.
    private func withReply(_ call: (OpaquePointer, inout bson_error_t) -> Bool) throws(MongoFailure) -> BSONDocument {
        var error = bson_error_t()
        let (succeeded, reply) = LibBSON.withReply { call($0, &error) }
        guard succeeded else { throw failure(error) }
        do throws(StoreError) { return try reply.get() } catch { throw MongoFailure(error) }
    }

    private func owned(_ document: BSONDocument) throws(MongoFailure) -> OwnedBSON {
        do throws(StoreError) { return try OwnedBSON(document) } catch { throw MongoFailure(error) }
    }

    private func read(_ bson: OpaquePointer) throws(MongoFailure) -> BSONDocument {
        do throws(StoreError) { return try LibBSON.document(bson) } catch { throw MongoFailure(error) }
    }

    private func failure(_ error: bson_error_t) -> MongoFailure {
        MongoFailure(domain: error.domain, code: error.code, message: error.text, redact: url.redact)
    }
}
