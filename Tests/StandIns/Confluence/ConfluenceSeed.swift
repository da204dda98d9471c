/// Starting data: five spaces; in ENG, 30 pages (ten last edited in the
/// same millisecond); footer comments in storage format on the first page.
public enum ConfluenceSeed {
    /// 2024-05-01T12:00:00Z.
    public static let origin: Int64 = 1_714_564_800_000
    static let colleague = "5b10ac8d82e05b22cc7d4ef5"

    static func fill(_ state: inout ConfluenceState, accountId: String) {
        let spaces = [("ENG", "Engineering", "global"), ("OPS", "Operations", "global"), ("DOC", "Documentation", "knowledge_base"),
                      ("HR", "People", "collaboration"), ("~mia", "Mia Krystof", "personal")]
        state.spaces = spaces.enumerated().map { index, space in
            ConfluenceSpaceRecord(
                id: 98304 + index, key: space.0, name: space.1, type: space.2, authorId: accountId, createdAt: origin - 90 * 86_400_000,
                homepageId: 100_000 + index)
        }
        for number in 1...30 {
            let edited: Int64 = switch number {
            case 11...20: origin + 86_400_000 + 321  // one bulk edit: the same millisecond
            default: origin + Int64(number) * 3_600_000
            }
            state.pages.append(
                ConfluencePageRecord(
                    id: state.nextPageId, spaceId: 98304, title: "Design note \(number)", parentId: number == 1 ? nil : 200_001, authorId: accountId,
                    createdAt: origin - Int64(31 - number) * 86_400_000, version: 1 + number % 4, versionCreatedAt: edited,
                    versionAuthorId: number % 3 == 0 ? colleague : accountId, body: "<p>Note \(number) &amp; details.</p>"))
            state.nextPageId += 1
        }
        state.pages.append(
            ConfluencePageRecord(
                id: state.nextPageId, spaceId: 98305, title: "On-call handbook", parentId: nil, authorId: accountId, createdAt: origin, version: 2,
                versionCreatedAt: origin + 600_000, versionAuthorId: accountId, body: "<p>Page the on-call.</p>"))
        state.nextPageId += 1
        for (index, body) in ConfluenceStorageSamples.all.enumerated() {
            let at = origin + Int64(index) * 600_000
            state.comments.append(
                ConfluenceCommentRecord(id: 300_001 + index, pageId: 200_001, version: 1, versionCreatedAt: at, authorId: index % 2 == 0 ? accountId : colleague, body: body))
        }
    }
}

/// Footer comment bodies in Confluence storage format.
public enum ConfluenceStorageSamples {
    public static let all = [entities, lists, codeMacro, linksAndMentions, headingsAndBreaks, table]

    public static let entities = "<p>Fish &amp; chips &lt;3 &quot;quoted&quot; &#8212; caf&#233; &#x1F600;&nbsp;done</p>"
    public static let lists = "<p>Steps:</p><ul><li><p>first</p></li><li>second<ol><li>nested</li></ol></li></ul>"
    public static let codeMacro = """
        <p>Run this:</p><ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">bash</ac:parameter>\
        <ac:plain-text-body><![CDATA[if [ "$a" < 3 ]; then
          echo "<ok>"
        fi]]></ac:plain-text-body></ac:structured-macro>
        """
    public static let linksAndMentions = """
        <p>Ask <ac:link><ri:user ri:account-id="5b10ac8d82e05b22cc7d4ef5" /></ac:link> or read <a href="https://example.com/guide">the guide</a>.</p>
        """
    public static let headingsAndBreaks = "<h2>Summary</h2><p>Line one<br />Line two</p><p>   Spaced    out   </p>"
    public static let table = "<table><tbody><tr><th>Host</th><th>State</th></tr><tr><td>db1</td><td>up</td></tr></tbody></table>"
}
