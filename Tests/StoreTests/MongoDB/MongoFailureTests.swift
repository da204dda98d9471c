import CMongoc
import Store
import Testing

@testable import StoreMongoDB

@Suite("libmongoc errors and credentials")
struct MongoFailureTests {
    private func failure(_ domain: mongoc_error_domain_t, _ code: UInt32, _ message: String = "boom") -> MongoFailure {
        MongoFailure(domain: domain.rawValue, code: code, message: message) { $0 }
    }

    @Test("errors map to the store's kinds")
    func classification() {
        let stream = failure(MONGOC_ERROR_STREAM, UInt32(MONGOC_ERROR_STREAM_SOCKET.rawValue))
        #expect(stream.error.kind == .unavailable && stream.serverUnreachable)
        let selection = failure(MONGOC_ERROR_SERVER_SELECTION, UInt32(MONGOC_ERROR_SERVER_SELECTION_FAILURE.rawValue))
        #expect(selection.error.kind == .unavailable && selection.serverUnreachable)
        let duplicate = failure(
            MONGOC_ERROR_SERVER, 11000, #"E11000 duplicate key error collection: db.oauth_sessions index: _id_ dup key: { _id: "s3cret-state" }"#)
        #expect(duplicate.error.kind == .conflict && !duplicate.serverUnreachable)
        #expect(duplicate.error.message == "a record with the same key exists (index _id_)")
        let shuttingDown = failure(MONGOC_ERROR_SERVER, 91)
        #expect(shuttingDown.error.kind == .unavailable && shuttingDown.serverUnreachable)
        let refused = failure(MONGOC_ERROR_SERVER, 115)
        #expect(refused.error.kind == .unavailable && !refused.serverUnreachable)
        let bson = failure(MONGOC_ERROR_BSON, 1)
        #expect(bson.error.kind == .corrupt)
    }

    @Test("credentials of the URL never appear in messages", arguments: [
        "mongodb://alice:s3cr%40t@db.example.com:27017/app?authSource=admin",
        "mongodb+srv://alice:s3cr@t@cluster.example.net/app",
        "mongodb://alice:s3cr@t@127.0.0.1",
    ])
    func redaction(_ url: String) {
        let secrets = MongoURL.credentials(in: url)
        let message = "auth failed for alice with s3cr@t (from \(url))"
        let redacted = MongoURL.redact(message, secrets)
        #expect(!redacted.contains("s3cr"))
        #expect(!redacted.contains("alice"))
    }

    @Test("a URL without credentials is left as it is")
    func nothingToRedact() throws {
        #expect(MongoURL.credentials(in: "mongodb://127.0.0.1:27017/db").isEmpty)
        let url = try MongoURL("mongodb://127.0.0.1:27017/app")
        #expect(url.display == "mongodb://127.0.0.1:27017/app")
        #expect(url.database == "app")
    }

    @Test("an invalid URL is refused without echoing its password")
    func invalidURL() {
        do {
            _ = try MongoStore(url: "mongodb://bob:hunter2@/nohost?replicaSet=", database: "x")
            Issue.record("accepted an invalid URL")
        } catch {
            #expect(error.kind == .unavailable)
            #expect(!error.message.contains("hunter2"))
            #expect(error.message.contains("MONGODB_URL"))
        }
    }
}
