import ConnectorSDK

/// Salesforce: sObjects, records and comments, over the OAuth 2.0 web server flow with PKCE.
///
/// OAuth goes to the login host (the `login` endpoint, or the My Domain a
/// connection captured as `loginUrl`); everything else goes to the connection's
/// `instanceUrl`, which the token response names. Capabilities live in
/// `SalesforceConnector+*.swift`, one file per operation group.
public struct SalesforceConnector: Connector {
    public init() {}

    public static let manifest = Manifest(
        id: "salesforce", displayName: "Salesforce", version: "0.1.0",
        description: "Salesforce sObjects, records (SOQL) and case/feed comments, through the OAuth 2.0 web server flow with PKCE.",
        authMethods: [
            .oauth2(
                authorizationUrl: "{login}/services/oauth2/authorize", tokenUrl: "{login}/services/oauth2/token",
                revocationUrl: "{login}/services/oauth2/revoke", defaultScopes: ["api", "refresh_token"])
        ],
        endpoints: ["login": "https://login.salesforce.com"],
        configSchema: [
            "type": "object",
            "additionalProperties": false,
            "properties": [
                "clientId": ["type": "string", "minLength": 1, "description": "Connected app consumer key."],
                "clientSecret": ["type": "string", "minLength": 1, "secret": true, "description": "Connected app consumer secret."],
                "apiVersion": ["type": "string", "pattern": "^[0-9]{2,3}\\.0$", "description": "REST API version, e.g. 66.0."],
            ],
        ],
        operations: [],
        capabilities: [
            "webhooks": [
                "supported": false,
                "reason": "Salesforce has no REST API to register webhooks (it offers Platform Events and Change Data Capture instead).",
                "alternative": "incremental_sync",
            ],
            "sync": [
                "streams": ["items"],
                "containerRequired": true,
                "cursor": "SystemModstamp, then Id",
                "deletions": "sObject Get Deleted (the last 15 days)",
            ],
        ])
}
