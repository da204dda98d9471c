import ConnectorModel

/// A connector: the one type a plugin author writes.
///
/// Adopt `Connector` for the basics and the capability protocols
/// (`OAuthConnector`, ...) for the rest; the SDK derives the manifest's
/// `operations` from what the type adopts, so the manifest never promises an
/// operation the code lacks. Methods may run concurrently.
public protocol Connector: Sendable {
    /// Who the connector is; `operations` is filled in by the SDK.
    static var manifest: Manifest { get }

    init()

    /// Do these credentials and settings work? Answer honestly; a missing
    /// setting is `valid: false` with a message that names it.
    func validate(_ context: CallContext) async throws -> ValidationResult

    /// What can the connector reach right now? Without a connection, report
    /// whether the operator settings allow onboarding.
    func probe(_ context: CallContext) async throws -> ProbeResult

    /// Called once before the plugin is unloaded or replaced.
    func shutdown() async
}

extension Connector {
    public func shutdown() async {}
}
