import ConnectorModel

/// `/docs`: the OpenAPI document rendered as one self-contained HTML page
/// (no scripts, no CDN), so it works on an offline host too.
enum DocsPage {
    static func html(for configuration: HostConfiguration) throws -> String {
        let document = try APIDocument.document(for: configuration)
        var body = "<h1>\(escape(document["info"]?["title"]?.stringValue ?? "API"))</h1>"
        body += "<p class=version>Version \(escape(document["info"]?["version"]?.stringValue ?? "")) · <a href=\"/openapi.json\">openapi.json</a></p>"
        body += paragraphs(document["info"]?["description"]?.stringValue ?? "")
        for (path, item) in (document["paths"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            for method in ["get", "post", "put", "patch", "delete"] {
                guard let operation = item[method] else { continue }
                body += section(method: method, path: path, operation)
            }
        }
        body += "<h2>Schemas</h2>"
        for (name, schema) in (document["components"]?["schemas"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            body += "<h3 id=\"schema-\(escape(name))\">\(escape(name))</h3><pre>\(escape(pretty(schema)))</pre>"
        }
        return """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(escape(configuration.appName)) API</title>
            <style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
            .op{border:1px solid #ddd;border-radius:6px;margin:1em 0;padding:.5em 1em}.m{font-weight:bold;text-transform:uppercase;
            display:inline-block;min-width:4.5em}code,pre{background:#f6f6f6;border-radius:4px}pre{padding:.6em;overflow:auto;font-size:13px}
            .version{color:#666}td{padding:0 .8em .2em 0;vertical-align:top}</style></head><body>\(body)</body></html>
            """
    }

    private static func section(method: String, path: String, _ operation: JSONValue) -> String {
        var html = "<div class=op><h3><span class=m>\(method)</span> <code>\(escape(path))</code></h3>"
        html += "<p><b>\(escape(operation["summary"]?.stringValue ?? ""))</b></p>"
        html += paragraphs(operation["description"]?.stringValue ?? "")
        if let schema = operation["requestBody"]?["content"]?["application/json"]?["schema"] {
            html += "<p>Request body: \(schemaLink(schema))</p>"
        }
        html += "<table>"
        for (status, response) in (operation["responses"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            let description = response["description"]?.stringValue ?? response["$ref"]?.stringValue?.split(separator: "/").last.map(String.init) ?? ""
            html += "<tr><td><code>\(escape(status))</code></td><td>\(escape(description))</td></tr>"
        }
        return html + "</table></div>"
    }

    private static func schemaLink(_ schema: JSONValue) -> String {
        guard let reference = schema["$ref"]?.stringValue, let name = reference.split(separator: "/").last else { return "<code>object</code>" }
        return "<a href=\"#schema-\(escape(String(name)))\">\(escape(String(name)))</a>"
    }

    private static func paragraphs(_ text: String) -> String {
        text.split(separator: "\n\n").map { "<p>\(escape(String($0)))</p>" }.joined()
    }

    private static func pretty(_ value: JSONValue) -> String {
        let encoder = WireCoding.encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
