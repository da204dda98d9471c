import ConnectorModel
import Store
import Testing

@testable import StoreMongoDB

@Suite("BSON documents")
struct BSONTests {
    @Test("bytes match the BSON specification's example")
    func specificationExample() throws {
        // {"hello": "world"} from bsonspec.org, with the string type (0x02).
        let expected: [UInt8] = [
            0x16, 0, 0, 0, 0x02, 0x68, 0x65, 0x6C, 0x6C, 0x6F, 0, 0x06, 0, 0, 0, 0x77, 0x6F, 0x72, 0x6C, 0x64, 0, 0,
        ]
        #expect(BSONBinary.encode(["hello": "world"]) == expected)
        #expect(try BSONBinary.decode(expected) == ["hello": "world"])
    }

    @Test("every value type survives encode and decode")
    func roundTrip() throws {
        let document: BSONDocument = [
            "_id": "a/b", "null": .null, "yes": true, "no": false, "int": .int64(-9_007_199_254_740_993), "double": .double(-0.125),
            "date": .date(milliseconds: 1_700_000_000_123), "text": .string("naïve\u{0}nul"), "empty": .string(""),
            "nested": .document(["inner": .array([.int64(1), .document([:]), .array([])])]),
        ]
        #expect(try BSONBinary.decode(BSONBinary.encode(document)) == document)
        // Through libbson and back: what the driver is handed is what was built.
        let owned = try OwnedBSON(document)
        #expect(try OwnedBSON.withPointers([owned]) { bson throws(StoreError) in try LibBSON.document(bson[0]) } == document)
    }

    @Test("int32 from other writers reads as an integer")
    func int32() throws {
        let bytes: [UInt8] = [0x0C, 0, 0, 0, 0x10, 0x6E, 0, 0xFE, 0xFF, 0xFF, 0xFF, 0]
        #expect(try BSONBinary.decode(bytes) == ["n": .int64(-2)])
    }

    @Test("malformed or foreign bytes are .corrupt", arguments: [
        [0x05, 0, 0, 0] as [UInt8],  // truncated
        [0x06, 0, 0, 0, 0, 0],  // trailing byte inside the length
        [0x0D, 0, 0, 0, 0x02, 0x73, 0, 0x09, 0, 0, 0, 0x61, 0],  // string longer than the document
        [0x0D, 0, 0, 0, 0x05, 0x62, 0, 0x01, 0, 0, 0, 0x00, 0x2A, 0],  // binary (type 5): no record has one
    ])
    func malformed(_ bytes: [UInt8]) {
        #expect(throws: StoreError.self) { try BSONBinary.decode(bytes) }
        do { _ = try BSONBinary.decode(bytes) } catch { #expect(error.kind == .corrupt) }
    }

    @Test("integral JSON numbers become int64, others double, and both come back")
    func numbers() {
        let json: JSONValue = ["whole": 42, "fraction": 0.5, "huge": 1e300, "negative": -7]
        let bson = BSONValue(json: json)
        guard case .document(let document) = bson else {
            Issue.record("not a document: \(bson)")
            return
        }
        #expect(document["whole"] == .int64(42))
        #expect(document["fraction"] == .double(0.5))
        #expect(document["huge"] == .double(1e300))
        #expect(document["negative"] == .int64(-7))
        #expect(bson.json == json)
        #expect(BSONValue.date(milliseconds: 1500).json == 1500)
    }

    @Test("member names are escaped reversibly and ordinary names stay as they are")
    func keyEscaping() {
        let names = ["tenantId", "dotted.key", "$dollar", "100%", "%2E literal", "nul\u{0}byte", "ünï.cödé$", ""]
        for name in names {
            let escaped = BSONKeyEscaping.escape(name)
            #expect(!escaped.isEmpty && !escaped.contains(".") && !escaped.hasPrefix("$") && !escaped.contains("\u{0}"))
            #expect(BSONKeyEscaping.unescape(escaped) == name)
        }
        #expect(BSONKeyEscaping.escape("tenantId") == "tenantId")
        #expect(BSONKeyEscaping.escape("a.b$%") == "a%2Eb%24%25")
        #expect(BSONKeyEscaping.escape("") == "%")
        let json: JSONValue = ["a.b": ["$c": 1]]
        #expect(BSONValue(json: json) == .document(["a%2Eb": .document(["%24c": .int64(1)])]))
        #expect(BSONValue(json: json).json == json)
    }

    @Test("compound ids cannot collide")
    func compoundKeys() {
        #expect(MongoKey.token(tenantId: "a/b", connectionId: "c") != MongoKey.token(tenantId: "a", connectionId: "b/c"))
        #expect(MongoKey.token(tenantId: "a%2Fb", connectionId: "c") != MongoKey.token(tenantId: "a/b", connectionId: "c"))
        #expect(MongoKey.token(tenantId: "tenant-a", connectionId: "conn-1") == "tenant-a/conn-1")
        #expect(MongoKey.syncState(tenantId: "t", connectionId: "c", stream: "items:PROJ") == "t/c/items:PROJ")
    }
}
