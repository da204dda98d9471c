import Foundation
import Synchronization

/// A field value of a stand-in record.
public enum SalesforceValue: Sendable, Equatable {
    case string(String)
    /// Milliseconds since 1970, the precision Salesforce keeps.
    case dateTime(Int64)
    case bool(Bool)
    case null

    public static func date(_ date: Date) -> SalesforceValue {
        .dateTime(SalesforceTime.milliseconds(date))
    }
}

/// The data of the stand-in org: records by object, users, and the delete log.
/// Tests add, change and delete records; the REST routes read them.
public final class SalesforceOrg: Sendable {
    struct Record: Sendable {
        let object: String
        var fields: [String: SalesforceValue]
        var id: String { if case .string(let id) = fields["Id"] { id } else { "" } }
    }

    struct Deletion: Sendable {
        let object: String
        let id: String
        let at: Int64
    }

    private struct State {
        var records: [String: [Record]] = [:]
        var deletions: [Deletion] = []
        var counter = 0
    }

    private let state = Mutex(State())
    /// The user who authorizes the connected app; the author of records by default.
    public let adminUserId: String
    public let otherUserId: String

    public init() {
        var ids: [String] = []
        state.withLock { state in
            for (name, username) in [("Ada Admin", "ada@example.com"), ("Ben Builder", "ben@example.com")] {
                ids.append(Self.insert(into: &state, "User", ["Name": .string(name), "Username": .string(username)], at: Date(), by: nil))
            }
        }
        adminUserId = ids[0]
        otherUserId = ids[1]
    }

    /// Adds a record of `object` written at `at` by `by` (the admin when nil); returns its 18-character Id.
    @discardableResult
    public func insert(_ object: String, _ fields: [String: SalesforceValue], at: Date = Date(), by user: String? = nil) -> String {
        state.withLock { Self.insert(into: &$0, object, fields, at: at, by: user ?? adminUserId) }
    }

    /// Changes a record as a write at `at` does: the audit timestamps move.
    public func update(_ id: String, _ fields: [String: SalesforceValue] = [:], at: Date) {
        state.withLock { state in
            guard let spec = SalesforceSchema.object(forId: id), let index = state.records[spec.name]?.firstIndex(where: { $0.id == id }) else { return }
            state.records[spec.name]?[index].fields.merge(fields) { _, new in new }
            for stamp in ["LastModifiedDate", "SystemModstamp", "LastEditDate"] where spec.field(stamp) != nil {
                state.records[spec.name]?[index].fields[stamp] = .date(at)
            }
        }
    }

    /// Deletes a record, writing `at` to the delete log.
    public func delete(_ id: String, at: Date) {
        state.withLock { state in
            guard let spec = SalesforceSchema.object(forId: id) else { return }
            state.records[spec.name]?.removeAll { $0.id == id }
            state.deletions.append(Deletion(object: spec.name, id: id, at: SalesforceTime.milliseconds(at)))
        }
    }

    func records(of object: String) -> [Record] {
        state.withLock { $0.records[object] ?? [] }
    }

    func record(_ id: String) -> Record? {
        guard let spec = SalesforceSchema.object(forId: id) else { return nil }
        let key = SalesforceID.fifteen(id)
        return records(of: spec.name).first { SalesforceID.fifteen($0.id) == key }
    }

    func deletions(of object: String) -> [Deletion] {
        state.withLock { $0.deletions.filter { $0.object == object } }
    }

    private static func insert(into state: inout State, _ object: String, _ fields: [String: SalesforceValue], at: Date, by user: String?) -> String {
        guard let spec = SalesforceSchema.object(object) else { preconditionFailure("the stand-in org has no \(object) object") }
        state.counter += 1
        let id = SalesforceID.make(prefix: spec.keyPrefix, number: state.counter)
        var values: [String: SalesforceValue] = ["Id": .string(id)]
        for stamp in ["CreatedDate", "LastModifiedDate", "SystemModstamp"] where spec.field(stamp) != nil {
            values[stamp] = .date(at)
        }
        for author in ["CreatedById", "LastModifiedById", "OwnerId"] where spec.field(author) != nil {
            values[author] = user.map { .string($0) } ?? .null
        }
        if let autoNumber = spec.fields.first(where: \.autoNumber) {
            values[autoNumber.name] = .string(String(format: "%08d", 1000 + state.counter))
        }
        values.merge(fields) { _, given in given }
        state.records[spec.name, default: []].append(Record(object: spec.name, fields: values))
        return id
    }
}

extension SalesforceValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
