import ConnectorModel
import HostTesting
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// Projects, issues and comments through `/api/connectors/jira/...`, page by
    /// page with opaque cursors, over either kind of connection.
    @Suite struct JiraBrowseTests {
        @Test(arguments: AtlassianAuth.allCases)
        func everyProjectIssueAndCommentArrivesOnceAcrossPages(_ auth: AtlassianAuth) async throws {
            try await AtlassianHost.run { session in
                let jira = session.cloud.jira
                let connectionId = try await session.connect(.jira, auth)

                let (projects, projectCursors) = try await session.browseAll(.jira, "containers", connectionId, query: "&limit=3")
                #expect(projects.ids == ["DATA", "ENG", "HR", "MKT", "OPS", "SEC", "WEB"])
                #expect(projectCursors.count == 2)
                #expect(projects.allSatisfy { $0["kind"] == "project" && $0["raw"] == nil })
                #expect(projects.first { $0["id"] == "ENG" }?["url"] == .string(expectedSite(auth, session) + "/browse/ENG"))

                let (issues, issueCursors) = try await session.browseAll(.jira, "items", connectionId, query: "&containerId=ENG&limit=10")
                let expected = jira.issues(inProject: "ENG")
                #expect(issueCursors.count == 4)
                #expect(issues.count == expected.count)
                #expect(Set(issues.ids) == Set(expected.map { String($0.id) }), "an issue is missing or came twice")
                #expect(issues.compactMap { $0["key"]?.stringValue }.sorted() == expected.map(\.key).sorted())
                let updated = issues.compactMap { $0["updatedAt"]?.stringValue }
                #expect(updated == updated.sorted(), "issues come oldest update first")
                #expect(issues.allSatisfy { $0["containerId"] == "ENG" && $0["kind"] == "issue" && $0["updatedAt"]?.stringValue?.hasSuffix("Z") == true })

                let (comments, commentCursors) = try await session.browseAll(.jira, "comments", connectionId, query: "&itemId=ENG-1&limit=3")
                #expect(comments.count == JiraADFSamples.all.count)
                #expect(commentCursors.count == 2)
                #expect(Set(comments.ids).count == comments.count)
                // Atlassian Document Format arrives as plain text.
                #expect(comments.first?["body"] == "Thanks @Ravi Raman, shipping it 🚀")
                #expect(comments.contains { $0["body"] == "3. three\n4. four" })
                #expect(comments.allSatisfy { !($0["body"]?.stringValue ?? "\"type\"").contains("\"type\"") })
            }
        }

        @Test func aCursorReplaysItsPageAndBelongsToItsList() async throws {
            try await AtlassianHost.run { session in
                let connectionId = try await session.connectOAuth(.jira)
                let first = try await session.browse(.jira, "items", connectionId, query: "&containerId=ENG&limit=10")
                let cursor = try #require(first.data["nextCursor"]?.stringValue)
                let second = try await session.browse(.jira, "items", connectionId, query: "&containerId=ENG&limit=10", cursor: cursor)
                let again = try await session.browse(.jira, "items", connectionId, query: "&containerId=ENG&limit=10", cursor: cursor)
                #expect(second.status == 200)
                #expect(second.data["items"]?.arrayValue?.ids == again.data["items"]?.arrayValue?.ids)
                let firstIds = first.data["items"]?.arrayValue?.ids ?? []
                let secondIds = Set(second.data["items"]?.arrayValue?.ids ?? [])
                #expect(secondIds.count == 10 && secondIds.isDisjoint(with: firstIds))

                let comments = try await session.browse(.jira, "comments", connectionId, query: "&itemId=ENG-1&limit=3")
                let commentCursor = try #require(comments.data["nextCursor"]?.stringValue)
                let foreign = try await session.browse(.jira, "comments", connectionId, query: "&itemId=ENG-2&limit=3", cursor: commentCursor)
                #expect(foreign.status == 400)
                #expect(foreign.errorCode == "invalid_input")
            }
        }

        @Test func includeRawAttachesJirasOwnObjects() async throws {
            try await AtlassianHost.run { session in
                let connectionId = try await session.connectOAuth(.jira)
                let items = try await session.browse(.jira, "items", connectionId, query: "&containerId=OPS&limit=5&includeRaw=true")
                let issues = try #require(items.data["items"]?.arrayValue)
                #expect(issues.count == 5)
                for issue in issues {
                    #expect(issue["raw"]?["key"] == issue["key"])
                    #expect(issue["raw"]?["fields"]?["summary"] == issue["title"])
                }
                let comments = try await session.browse(.jira, "comments", connectionId, query: "&itemId=ENG-1&limit=2&includeRaw=true")
                let comment = try #require(comments.data["items"]?.arrayValue?.first)
                #expect(comment["raw"]?["body"]?["type"] == "doc", "raw keeps the ADF body")
                #expect(comment["body"]?.stringValue?.contains("Thanks") == true)
                let projects = try await session.browse(.jira, "containers", connectionId, query: "&limit=2&includeRaw=true")
                #expect(projects.data["items"]?.arrayValue?.allSatisfy { $0["raw"]?["key"] == $0["id"] } == true)
            }
        }

        private func expectedSite(_ auth: AtlassianAuth, _ session: AtlassianSession) -> String {
            auth == .oauth ? "https://acme.atlassian.net" : session.cloud.siteURL
        }
    }
}
