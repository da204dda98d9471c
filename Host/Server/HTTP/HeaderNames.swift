import HTTPTypes

extension HTTPField.Name {
    static let requestId = HTTPField.Name("X-Request-Id")!
    static let correlationId = HTTPField.Name("X-Correlation-Id")!
    static let tenantId = HTTPField.Name("X-Tenant-Id")!
    static let apiTag = HTTPField.Name("X-Api-Tag")!
}
