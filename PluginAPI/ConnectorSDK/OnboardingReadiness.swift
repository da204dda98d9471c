import ConnectorModel

/// The probe answer a connector gives without a connection: can clients
/// onboard with the operator's current settings? OAuth needs the `clientId`
/// and `clientSecret` settings; methods where the client brings its own
/// credentials are always available.
public enum OnboardingReadiness {
    public static func probe(_ manifest: Manifest, _ context: CallContext) -> ProbeResult {
        var available: [AuthMethod.Kind] = []
        var missing: [String] = []
        for method in manifest.authMethods {
            guard method.type == .oauth2 else {
                available.append(method.type)
                continue
            }
            let lacking = ["clientId", "clientSecret"].filter { context.setting($0) == nil }
            if lacking.isEmpty { available.append(.oauth2) } else { missing += lacking }
        }
        let endpoints = JSONValue.object(context.connector.endpoints.mapValues { .string($0) })
        if missing.isEmpty {
            return ProbeResult(
                status: .ready, message: "\(manifest.displayName) is ready for onboarding.", availableAuthMethods: available,
                details: ["endpoints": endpoints])
        }
        return ProbeResult(
            status: .notConfigured,
            message: "OAuth onboarding needs the \(missing.joined(separator: " and ")) setting(s); set them with PATCH /api/connectors/\(manifest.id).",
            missing: missing, availableAuthMethods: available, details: ["endpoints": endpoints])
    }
}
