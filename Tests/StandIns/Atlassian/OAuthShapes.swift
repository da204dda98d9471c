import ConnectorModel

/// The OAuth endpoints are in no OpenAPI document; these schemas write down
/// the shapes Atlassian documents for them
/// (https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/).
enum OAuthShapes {
    /// `{"access_token", "expires_in", "token_type": "Bearer", "refresh_token"?, "scope"}`.
    static let tokenResponse: JSONValue = [
        "type": "object", "additionalProperties": false,
        "required": ["access_token", "expires_in", "token_type", "scope"],
        "properties": [
            "access_token": ["type": "string", "minLength": 1],
            "expires_in": ["type": "integer", "minimum": 1],
            "token_type": ["enum": ["Bearer"]],
            "refresh_token": ["type": "string", "minLength": 1],
            "scope": ["type": "string"],
        ],
    ]

    /// `{"error": "invalid_grant", "error_description": "..."}` (RFC 6749 §5.2).
    static let tokenError: JSONValue = [
        "type": "object", "additionalProperties": false, "required": ["error"],
        "properties": ["error": ["type": "string", "minLength": 1], "error_description": ["type": "string"]],
    ]

    /// `[{"id", "url", "name", "scopes", "avatarUrl"}]`.
    static let accessibleResources: JSONValue = [
        "type": "array",
        "items": [
            "type": "object", "additionalProperties": false, "required": ["id", "url", "name", "scopes", "avatarUrl"],
            "properties": [
                "id": ["type": "string", "format": "uuid"], "url": ["type": "string", "format": "uri"], "name": ["type": "string"],
                "scopes": ["type": "array", "items": ["type": "string"]], "avatarUrl": ["type": "string", "format": "uri"],
            ],
        ],
    ]
}
