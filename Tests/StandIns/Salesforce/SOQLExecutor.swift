import ConnectorModel
import Foundation

/// Runs a parsed statement against the stand-in org with Salesforce's checks:
/// the object must exist and be queryable, every field must exist, and each
/// filter value must have its field's type (unquoted dateTimes, quoted Ids).
struct SOQLExecutor {
    let org: SalesforceOrg
    /// e.g. "66.0", for the records' `attributes.url`.
    let version: String

    /// A selected field, possibly reached through a relationship (`CreatedBy.Name`).
    private struct Path {
        let relationship: SalesforceFieldSpec?
        let field: SalesforceFieldSpec
        let owner: SalesforceObjectSpec
    }

    func run(_ statement: SOQLStatement) throws(SOQLError) -> [JSONValue] {
        guard let spec = SalesforceSchema.object(statement.object), spec.queryable else {
            throw SOQLError(
                errorCode: "INVALID_TYPE",
                message: "sObject type '\(statement.object)' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.")
        }
        var paths: [Path] = []
        for field in statement.fields { paths.append(try resolve(field, on: spec)) }
        var records = org.records(of: spec.name)
        if let condition = statement.condition {
            try check(condition, on: spec)
            records = records.filter { matches($0, condition, spec) }
        }
        if !statement.orderBy.isEmpty {
            var orderings: [(SalesforceFieldSpec, Bool)] = []
            for ordering in statement.orderBy {
                guard let field = spec.field(ordering.field) else { throw noSuchColumn(ordering.field, spec) }
                orderings.append((field, ordering.descending))
            }
            records.sort { left, right in
                for (field, descending) in orderings {
                    let order = Self.compare(left.fields[field.name] ?? .null, right.fields[field.name] ?? .null)
                    if order != .orderedSame { return descending ? order == .orderedDescending : order == .orderedAscending }
                }
                return false
            }
        }
        if let limit = statement.limit { records = Array(records.prefix(limit)) }
        return records.map { render($0, paths, spec) }
    }

    private func resolve(_ name: String, on spec: SalesforceObjectSpec) throws(SOQLError) -> Path {
        let parts = name.split(separator: ".").map(String.init)
        if parts.count == 1, let field = spec.field(parts[0]) { return Path(relationship: nil, field: field, owner: spec) }
        if parts.count == 2, let relationship = spec.relationship(parts[0]), let target = relationship.referenceTo.flatMap({ SalesforceSchema.object($0) }),
            let field = target.field(parts[1])
        {
            return Path(relationship: relationship, field: field, owner: target)
        }
        throw noSuchColumn(name, spec)
    }

    private func noSuchColumn(_ name: String, _ spec: SalesforceObjectSpec) -> SOQLError {
        SOQLError(
            errorCode: "INVALID_FIELD",
            message: "No such column '\(name)' on entity '\(spec.name)'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.")
    }

    private func check(_ condition: SOQLCondition, on spec: SalesforceObjectSpec) throws(SOQLError) {
        switch condition {
        case .all(let conditions), .any(let conditions):
            for inner in conditions { try check(inner, on: spec) }
        case .comparison(let name, _, let value):
            guard let field = spec.field(name) else { throw noSuchColumn(name, spec) }
            guard field.filterable else {
                throw SOQLError(errorCode: "INVALID_FIELD", message: "field '\(field.name)' can not be filtered in a query call")
            }
            switch (field.kind, value) {
            case (_, .null), (.datetime, .dateTime), (.boolean, .boolean), (.string, .string), (.picklist, .string): return
            case (.id, .string(let id)), (.reference, .string(let id)):
                guard SalesforceID.isValid(id) else { throw SOQLError(errorCode: "INVALID_QUERY_FILTER_OPERATOR", message: "invalid ID field: \(id)") }
            case (.datetime, _):
                throw SOQLError(
                    errorCode: "INVALID_FIELD",
                    message: "value of filter criterion for field '\(field.name)' must be of type dateTime and should not be enclosed in quotes")
            default:
                throw SOQLError(
                    errorCode: "INVALID_FIELD", message: "value of filter criterion for field '\(field.name)' must be of type \(field.kind.rawValue)")
            }
        }
    }

    private func matches(_ record: SalesforceOrg.Record, _ condition: SOQLCondition, _ spec: SalesforceObjectSpec) -> Bool {
        switch condition {
        case .all(let conditions): return conditions.allSatisfy { matches(record, $0, spec) }
        case .any(let conditions): return conditions.contains { matches(record, $0, spec) }
        case .comparison(let name, let op, let literal):
            let field = spec.field(name)!
            let order = Self.compare(record.fields[field.name] ?? .null, Self.value(literal))
            switch op {
            case "=": return order == .orderedSame
            case "!=": return order != .orderedSame
            case "<": return order == .orderedAscending
            case "<=": return order != .orderedDescending
            case ">": return order == .orderedDescending
            default: return order != .orderedAscending
            }
        }
    }

    private static func value(_ literal: SOQLLiteral) -> SalesforceValue {
        switch literal {
        case .string(let text): .string(text)
        case .dateTime(let instant): .dateTime(instant)
        case .integer(let number): .string(String(number))
        case .boolean(let flag): .bool(flag)
        case .null: .null
        }
    }

    /// Nulls first; Ids compare by their 15-character form, other text ignoring case, as SOQL does.
    static func compare(_ left: SalesforceValue, _ right: SalesforceValue) -> ComparisonResult {
        switch (left, right) {
        case (.null, .null): return .orderedSame
        case (.null, _): return .orderedAscending
        case (_, .null): return .orderedDescending
        case (.dateTime(let a), .dateTime(let b)): return a == b ? .orderedSame : a < b ? .orderedAscending : .orderedDescending
        case (.bool(let a), .bool(let b)): return a == b ? .orderedSame : !a ? .orderedAscending : .orderedDescending
        case (.string(let a), .string(let b)) where SalesforceID.isValid(a) && SalesforceID.isValid(b):
            return SalesforceID.fifteen(a).compare(SalesforceID.fifteen(b))
        case (.string(let a), .string(let b)): return a.caseInsensitiveCompare(b)
        default: return .orderedAscending
        }
    }

    private func render(_ record: SalesforceOrg.Record, _ paths: [Path], _ spec: SalesforceObjectSpec) -> JSONValue {
        var json: [String: JSONValue] = ["attributes": attributes(spec.name, record.id)]
        for path in paths {
            guard let relationship = path.relationship, let name = relationship.relationshipName else {
                json[path.field.name] = Self.json(record.fields[path.field.name] ?? .null)
                continue
            }
            guard case .string(let parentId) = record.fields[relationship.name], let parent = org.record(parentId) else {
                json[name] = .null
                continue
            }
            var nested = json[name]?.objectValue ?? ["attributes": attributes(path.owner.name, parent.id)]
            nested[path.field.name] = Self.json(parent.fields[path.field.name] ?? .null)
            json[name] = .object(nested)
        }
        return .object(json)
    }

    private func attributes(_ object: String, _ id: String) -> JSONValue {
        ["type": .string(object), "url": .string("/services/data/v\(version)/sobjects/\(object)/\(id)")]
    }

    static func json(_ value: SalesforceValue) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .dateTime(let instant): .string(SalesforceTime.format(instant))
        case .bool(let flag): .bool(flag)
        case .null: .null
        }
    }
}
