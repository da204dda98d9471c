import CMongoc
import Store

/// A `bson_t` made from a `BSONDocument`, owned by Swift. Swift sees `bson_t`
/// only as an opaque pointer (it is 128-byte aligned), so it always lives on
/// libbson's heap. Pointers are handed out only inside `withPointers`, since
/// Swift may free an object right after its last use, C call or not.
final class OwnedBSON {
    private let pointer: OpaquePointer

    init(_ document: BSONDocument) throws(StoreError) {
        let bytes = BSONBinary.encode(document)
        guard let created = bytes.withUnsafeBufferPointer({ bson_new_from_data($0.baseAddress, $0.count) }) else {
            throw StoreError(.corrupt, "libbson refused a document of \(bytes.count) bytes")
        }
        pointer = created
    }

    deinit {
        bson_destroy(pointer)
    }

    /// Runs `body` with the pointers of `owned`, which stay alive until it returns.
    static func withPointers<R, E: Error>(_ owned: [OwnedBSON], _ body: ([OpaquePointer]) throws(E) -> R) throws(E) -> R {
        defer { withExtendedLifetime(owned) {} }
        return try body(owned.map(\.pointer))
    }
}

/// libbson glue for what the driver returns.
enum LibBSON {
    /// The document behind a `bson_t` libmongoc handed out, as Swift data.
    static func document(_ bson: OpaquePointer) throws(StoreError) -> BSONDocument {
        guard let data = bson_get_data(bson) else { throw StoreError(.corrupt, "MongoDB returned an empty reply") }
        // A BSON document starts with its own length (int32, little endian).
        let length = (0..<4).reduce(0) { $0 | Int(data[$1]) << (8 * $1) }
        return try BSONBinary.decode(UnsafeBufferPointer(start: data, count: length))
    }

    /// Runs `call` with a reply document libmongoc fills in, and returns that reply.
    static func withReply(_ call: (OpaquePointer) -> Bool) -> (succeeded: Bool, reply: Result<BSONDocument, StoreError>) {
        let reply = bson_new()!
        // Marked static (bson_init), so bson_destroy frees only the contents and
        // libmongoc may initialise it again; the struct itself goes with bson_free.
        bson_init(reply)
        defer {
            bson_destroy(reply)
            bson_free(UnsafeMutableRawPointer(reply))
        }
        let succeeded = call(reply)
        return (succeeded, Result { () throws(StoreError) in try document(reply) })
    }
}
