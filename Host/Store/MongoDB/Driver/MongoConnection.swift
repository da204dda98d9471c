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
        let handle = handle(collection)
        try call([document]) { bson, error in mongoc_collection_insert_one(handle, bson[0], nil, nil, &error) }
    }

    /// Replaces the document matching `filter`; returns how many matched (0 or 1).
    func replace(in collection: String, filter: BSONDocument, with document: BSONDocument, upsert: Bool) throws(MongoFailure) -> Int64 {
        let handle = handle(collection)
        let reply = try callWithReply([filter, document, ["upsert": .bool(upsert)]]) { bson, reply, error in
            mongoc_collection_replace_one(handle, bson[0], bson[1], bson[2], reply, &error)
        }
        return reply["matchedCount"]?.integerValue ?? 0
    }

    /// Deletes the document matching `filter`; returns how many were deleted (0 or 1).
    func deleteOne(in collection: String, filter: BSONDocument) throws(MongoFailure) -> Int64 {
        let handle = handle(collection)
        let reply = try callWithReply([filter]) { bson, reply, error in
            mongoc_collection_delete_one(handle, bson[0], nil, reply, &error)
        }
        return reply["deletedCount"]?.integerValue ?? 0
    }

    /// The documents matching `filter`, in `sort` order, at most `limit` (0: no limit).
    func find(in collection: String, filter: BSONDocument, sort: BSONDocument = [:], limit: Int = 0) throws(MongoFailure) -> [BSONDocument] {
        var options: BSONDocument = [:]
        if !sort.fields.isEmpty { options.append("sort", .document(sort)) }
        if limit > 0 { options.append("limit", .int64(Int64(limit))) }
        let handle = handle(collection)
        return try withPointers([filter, options]) { bson throws(MongoFailure) in
            guard let cursor = mongoc_collection_find_with_opts(handle, bson[0], bson[1], nil) else {
                throw MongoFailure(StoreError(.unavailable, "libmongoc could not open a cursor on \(collection)"))
            }
            defer { mongoc_cursor_destroy(cursor) }
            var documents: [BSONDocument] = []
            var next: OpaquePointer?
            while mongoc_cursor_next(cursor, &next), let next {
                documents.append(try read { () throws(StoreError) in try LibBSON.document(next) })
            }
            var error = bson_error_t()
            if mongoc_cursor_error(cursor, &error) { throw failure(error) }
            return documents
        }
    }

    /// Atomically applies `update` to the first document matching `query` (in
    /// `sort` order) and returns the document as updated; nil when none matched.
    func findAndModify(
        in collection: String, query: BSONDocument, sort: BSONDocument = [:], update: BSONDocument, upsert: Bool = false
    ) throws(MongoFailure) -> BSONDocument? {
        var command: BSONDocument = ["findAndModify": .string(collection), "query": .document(query)]
        if !sort.fields.isEmpty { command.append("sort", .document(sort)) }
        command.append("update", .document(update))
        command.append("new", true)
        if upsert { command.append("upsert", true) }
        guard case .document(let value) = try self.command(command)["value"] else { return nil }
        return value
    }

    /// Runs a command on the store's database (or `database`) and returns the reply.
    func command(_ command: BSONDocument, database: String? = nil) throws(MongoFailure) -> BSONDocument {
        let name = database ?? self.database
        return try callWithReply([command]) { bson, reply, error in
            mongoc_client_write_command_with_opts(client, name, bson[0], nil, reply, &error)
        }
    }

    private func handle(_ collection: String) -> OpaquePointer {
        if let cached = collections[collection] { return cached }
        let created = mongoc_client_get_collection(client, database, collection)!
        collections[collection] = created
        return created
    }

    /// Runs a libmongoc call that takes `documents` and reports failure through `bson_error_t`.
    private func call(_ documents: [BSONDocument], _ body: ([OpaquePointer], inout bson_error_t) -> Bool) throws(MongoFailure) {
        try withPointers(documents) { bson throws(MongoFailure) in
            var error = bson_error_t()
            guard body(bson, &error) else { throw failure(error) }
        }
    }

    /// As `call`, for calls that also fill in a reply document; returns the reply.
    private func callWithReply(
        _ documents: [BSONDocument], _ body: ([OpaquePointer], OpaquePointer, inout bson_error_t) -> Bool
    ) throws(MongoFailure) -> BSONDocument {
        try withPointers(documents) { bson throws(MongoFailure) in
            var error = bson_error_t()
            let (succeeded, reply) = LibBSON.withReply { body(bson, $0, &error) }
            guard succeeded else { throw failure(error) }
            return try read { () throws(StoreError) in try reply.get() }
        }
    }

    private func withPointers<R>(_ documents: [BSONDocument], _ body: ([OpaquePointer]) throws(MongoFailure) -> R) throws(MongoFailure) -> R {
        let owned = try read { () throws(StoreError) in try documents.map { document throws(StoreError) in try OwnedBSON(document) } }
        return try OwnedBSON.withPointers(owned, body)
    }

    /// A decoding failure as a `MongoFailure` (the server answered; this version cannot read it).
    private func read<T>(_ body: () throws(StoreError) -> T) throws(MongoFailure) -> T {
        do throws(StoreError) { return try body() } catch { throw MongoFailure(error) }
    }

    private func failure(_ error: bson_error_t) -> MongoFailure {
        MongoFailure(domain: error.domain, code: error.code, message: error.text, redact: url.redact)
    }
}
