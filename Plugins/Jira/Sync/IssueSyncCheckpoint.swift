import ConnectorSDK

/// The sync checkpoint (opaque to the host).
///
/// `last` is the newest issue handed out. A sync reads through one search
/// (`sequence`), page by page with Jira's `nextPageToken`, of everything
/// updated since the minute of `from`, the `last` when the search began;
/// issues at or before `from` were handed out by an earlier search and are
/// skipped. JQL dates have minute precision, so re-reading from the minute
/// and skipping by (updated, id) is what lets many issues share a minute
/// without one being lost or repeated.
struct IssueSyncCheckpoint: Codable, Sendable {
    struct Sequence: Codable, Sendable {
        var from: IssuePosition?
        /// The user's time zone the JQL date is written in, kept so every page sends the same JQL.
        var timeZone: String?
        var token: String?
    }

    /// The project the sync is restricted to, if any.
    var project: String?
    var last: IssuePosition?
    var sequence: Sequence?

    /// The stored checkpoint, or a fresh start; refuses one for another project.
    static func resume(_ request: SyncPageRequest) throws -> IssueSyncCheckpoint {
        guard let stored = request.checkpoint, !stored.isNull else { return IssueSyncCheckpoint(project: request.containerId) }
        guard let checkpoint = try? stored.decode(as: IssueSyncCheckpoint.self) else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The checkpoint is not one this connector wrote; sync in full mode.")
        }
        guard checkpoint.project == request.containerId else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The checkpoint belongs to a sync of another project.")
        }
        return checkpoint
    }
}
