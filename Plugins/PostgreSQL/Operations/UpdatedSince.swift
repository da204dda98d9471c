import ConnectorModel

/// The `updatedSince` filter of list requests.
enum UpdatedSince {
    /// PostgreSQL records no modification time for schemas, tables or
    /// comments, so a filter on one cannot be honoured; refusing it is better
    /// than returning everything as if it had changed.
    static func refuse(_ request: ListRequest, _ what: String) throws {
        guard request.updatedSince != nil else { return }
        throw ErrorDocument(
            code: ErrorDocument.Code.invalidInput,
            message: "PostgreSQL keeps no change time for \(what); updatedSince works on table rows only.")
    }

    /// `text` when it has the RFC 3339 shape, else `invalid_input`. The value
    /// is then bound as a `timestamptz` parameter; the server rejects
    /// impossible dates (month 13) as a data exception, also `invalid_input`.
    static func checked(_ text: String) throws -> String {
        let shape = /\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})/
        guard text.wholeMatch(of: shape) != nil else {
            throw ErrorDocument(
                code: ErrorDocument.Code.invalidInput, message: "updatedSince must be an RFC 3339 time stamp such as 2024-05-01T12:00:00Z.")
        }
        return text
    }
}
