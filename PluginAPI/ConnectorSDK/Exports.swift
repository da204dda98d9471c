// A connector imports only ConnectorSDK; the wire model comes with it.
@_exported import ConnectorModel
