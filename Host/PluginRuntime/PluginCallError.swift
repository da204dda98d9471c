import ConnectorModel

/// Why a call into a plugin produced no response document.
public enum PluginCallError: Error, Sendable, Equatable {
    /// No loaded plugin provides this connector id.
    case unknownConnector(String)
    /// The plugin did not complete the call in time; the host asked it to cancel.
    case timedOut(connector: String, operation: String, after: Duration)
    /// The caller went away (client disconnected, task cancelled).
    case cancelled
    /// The plugin completed the call with an error document.
    case failed(ErrorDocument)
    /// The plugin broke the ABI contract (an unreadable error document, an unexpected status).
    case contractViolation(connector: String, String)
}
