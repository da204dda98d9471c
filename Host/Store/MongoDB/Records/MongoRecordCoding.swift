import ConnectorModel
import Store

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Records as BSON documents: the record's JSON (`StoreCoding`, so both stores
/// hold the same fields) with `_id` first and any extra key fields after it.
enum MongoRecordCoding {
    static func document(_ record: some Encodable, id: String, extra: BSONDocument = [:]) throws(StoreError) -> BSONDocument {
        let json = try StoreCoding.encode(record)
        let tree: JSONValue
        do {
            tree = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        } catch {
            throw StoreError(.corrupt, "cannot convert a \(type(of: record)) to BSON: \(error)")
        }
        guard case .object(let members) = tree else {
            throw StoreError(.corrupt, "a \(type(of: record)) is not a JSON object")
        }
        var document: BSONDocument = ["_id": .string(id)]
        document.fields += BSONDocument(jsonObject: members).fields + extra.fields
        return document
    }

    static func record<T: Decodable>(_ type: T.Type, from document: BSONDocument) throws(StoreError) -> T {
        let json: Data
        do {
            json = try JSONEncoder().encode(document.json)
        } catch {
            throw StoreError(.corrupt, "a stored \(T.self) cannot be turned into JSON: \(error)")
        }
        return try StoreCoding.decode(type, from: String(decoding: json, as: UTF8.self))
    }

    static func records<T: Decodable>(_ type: T.Type, from documents: [BSONDocument]) throws(StoreError) -> [T] {
        var records: [T] = []
        records.reserveCapacity(documents.count)
        for document in documents {
            records.append(try record(type, from: document))
        }
        return records
    }
}

/// `_id` values. Compound keys join their parts with "/", each part escaped
/// ("%" and "/"), so no two different keys can collide however ids are spelt.
enum MongoKey {
    static func token(tenantId: String, connectionId: String) -> String {
        join([tenantId, connectionId])
    }

    static func syncState(tenantId: String, connectionId: String, stream: String) -> String {
        join([tenantId, connectionId, stream])
    }

    static func join(_ parts: [String]) -> String {
        parts.map { $0.replacing("%", with: "%25").replacing("/", with: "%2F") }.joined(separator: "/")
    }
}
