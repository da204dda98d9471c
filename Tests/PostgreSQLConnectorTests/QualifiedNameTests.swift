import ConnectorModel
import Testing

@testable import PostgreSQLConnector

/// Client-supplied names follow SQL identifier syntax; anything else is refused before SQL is involved.
@Suite struct QualifiedNameTests {
    @Test(arguments: [
        ("public", ["public"]),
        ("Public.Orders", ["public", "orders"]),
        (#""My.Schema"."Order ""Items""""#, ["My.Schema", #"Order "Items""#]),
        (#"s."t"."c""#, ["s", "t", "c"]),
        ("été.données", ["été", "données"]),
        ("_x$1", ["_x$1"]),
    ])
    func parses(_ text: String, _ parts: [String]) throws {
        #expect(try QualifiedName(parsing: text, field: "containerId").parts == parts)
    }

    @Test(arguments: [
        "", ".", "a.", ".a", "a..b", "a.b.c.d", "1abc", "a b", #"public"; DROP TABLE x; --"#, #""unterminated"#,
        "a;b", "a'b", "x.y--", #""a"b"#, String(repeating: "a", count: 64), "\"a\u{0}b\"",
    ])
    func refuses(_ text: String) {
        let error = #expect(throws: ErrorDocument.self) { try QualifiedName(parsing: text, field: "containerId") }
        #expect(error?.code == ErrorDocument.Code.invalidInput)
    }

    @Test func quotesEveryIdentifier() {
        #expect(QualifiedName.quote("users") == #""users""#)
        #expect(QualifiedName.quote(#"a"; DROP TABLE x; --"#) == #""a""; DROP TABLE x; --""#)
    }
}
