import AtlassianCloud
import ConnectorSDK

/// The sync checkpoint (opaque to the host): the project, how far the sync
/// got, and, while a run lasts, the user's time zone the JQL date is
/// written in (asked again at the start of every run).
struct IssueSyncCheckpoint: Codable, Sendable {
    var project: String?
    var handedOut: SyncFrontier?
    var timeZone: String?

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

extension JiraIssue {
    /// Where the issue sits in the sync: `updated` and numeric id. An issue
    /// without either cannot be placed, so Jira's answer is unusable.
    func syncPosition() throws -> (updated: Int64, id: Int64) {
        guard let text = fields?.updated, let updated = AtlassianTimestamp(parsing: text), let id = Int64(id) else {
            throw ErrorDocument(code: ErrorDocument.Code.upstreamBadResponse, message: "Jira returned issue \(key) without a parseable updated time or id.")
        }
        return (updated.epochMilliseconds, id)
    }
}
