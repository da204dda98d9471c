import ConnectorModel

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A sync job: pages through a connector's changes for one connection and
/// stores them, checkpointing after every page.
public struct SyncJobRecord: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case queued, running, succeeded, failed, cancelled

        public var isFinished: Bool { self == .succeeded || self == .failed || self == .cancelled }
    }

    public var id: String
    public var tenantId: String
    public var connectionId: String
    public var connectorId: String
    public var mode: SyncPageRequest.Mode
    public var stream: String
    public var containerId: String?
    public var status: Status
    public var cancelRequested: Bool
    public var pages: Int
    public var records: Int
    public var deleted: Int
    /// Where the job resumes after a restart.
    public var checkpoint: JSONValue?
    public var error: ErrorDocument?
    /// Which host runs it, and until when, so only one host ever does.
    public var leaseOwner: String?
    public var leaseUntil: Date?
    public var requestId: String?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var updatedAt: Date

    public init(
        id: String, tenantId: String, connectionId: String, connectorId: String, mode: SyncPageRequest.Mode, stream: String,
        containerId: String?, requestId: String?, createdAt: Date
    ) {
        self.id = id
        self.tenantId = tenantId
        self.connectionId = connectionId
        self.connectorId = connectorId
        self.mode = mode
        self.stream = stream
        self.containerId = containerId
        self.status = .queued
        self.cancelRequested = false
        self.pages = 0
        self.records = 0
        self.deleted = 0
        self.requestId = requestId
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

/// One record a sync stored, in its normalized shape. `sequence` orders the
/// changes feed: every write gets a higher one than every earlier write.
public struct SyncedRecord: Codable, Sendable, Equatable {
    public var tenantId: String
    public var connectionId: String
    public var kind: String
    public var id: String
    public var updatedAt: String?
    public var data: JSONValue
    public var deleted: Bool
    public var sequence: Int64
    public var syncedAt: Date

    public init(
        tenantId: String, connectionId: String, kind: String, id: String, updatedAt: String?, data: JSONValue, deleted: Bool = false,
        sequence: Int64 = 0, syncedAt: Date
    ) {
        self.tenantId = tenantId
        self.connectionId = connectionId
        self.kind = kind
        self.id = id
        self.updatedAt = updatedAt
        self.data = data
        self.deleted = deleted
        self.sequence = sequence
        self.syncedAt = syncedAt
    }
}

/// A webhook subscription: the provider calls the host, the host forwards to the tenant.
public struct WebhookRecord: Codable, Sendable, Equatable {
    public var id: String
    public var tenantId: String
    public var connectionId: String
    public var connectorId: String
    /// The tenant's URL the host forwards normalized events to.
    public var callbackUrl: String
    /// Fernet token of the secret the host signs forwarded deliveries with.
    public var encryptedSigningSecret: String
    public var events: [String]
    public var containerId: String?
    /// The provider's registration ids.
    public var providerIds: [String]
    public var expiresAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, tenantId: String, connectionId: String, connectorId: String, callbackUrl: String, encryptedSigningSecret: String,
        events: [String], containerId: String?, providerIds: [String], expiresAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.tenantId = tenantId
        self.connectionId = connectionId
        self.connectorId = connectorId
        self.callbackUrl = callbackUrl
        self.encryptedSigningSecret = encryptedSigningSecret
        self.events = events
        self.containerId = containerId
        self.providerIds = providerIds
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}
