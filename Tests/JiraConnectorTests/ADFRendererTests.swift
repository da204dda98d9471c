import ConnectorSDK
import StandIns
import Testing

@testable import JiraConnector

/// Atlassian Document Format to plain text, node by node.
@Suite struct ADFRendererTests {
    @Test func mentionsAndEmojiReadAsText() {
        #expect(ADFPlainText.render(JiraADFSamples.mentionAndEmoji) == "Thanks @Ravi Raman, shipping it 🚀")
    }

    @Test func linksKeepTheirTargetAndBreaksAndParagraphsSeparate() {
        #expect(ADFPlainText.render(JiraADFSamples.linkAndBreak) == "See the runbook (https://wiki.example.com/runbook)\nthen restart.\n\nSecond paragraph.")
    }

    @Test func bulletListsNest() {
        #expect(ADFPlainText.render(JiraADFSamples.bulletList) == "- first\n- second\n  - nested")
    }

    @Test func orderedListsStartWhereTheyAsk() {
        #expect(ADFPlainText.render(JiraADFSamples.orderedList) == "3. three\n4. four")
    }

    @Test func codeIsKeptVerbatim() {
        #expect(ADFPlainText.render(JiraADFSamples.codeBlock) == "Run:\n\nlet x = 1\nprint(x)")
    }

    @Test func headingsQuotesAndRules() {
        #expect(ADFPlainText.render(JiraADFSamples.headingAndQuote) == "Root cause\n\n> It was DNS.\n\n---")
    }

    @Test func panelsAndTablesKeepTheirWords() {
        #expect(ADFPlainText.render(JiraADFSamples.panelAndTable) == "Heads up\n\nHost | State\ndb1 | up")
    }

    @Test func aLinkWhoseTextIsTheURLIsWrittenOnce() {
        let doc: JSONValue = ["type": "doc", "version": 1, "content": [["type": "paragraph", "content": [
            ["type": "text", "text": "https://x.example", "marks": [["type": "link", "attrs": ["href": "https://x.example"]]]],
        ]]]]
        #expect(ADFPlainText.render(doc) == "https://x.example")
    }

    @Test func tasksCardsStatusesAndDates() {
        let doc: JSONValue = ["type": "doc", "version": 1, "content": [
            ["type": "taskList", "content": [
                ["type": "taskItem", "attrs": ["state": "DONE"], "content": [["type": "text", "text": "ship"]]],
                ["type": "taskItem", "attrs": ["state": "TODO"], "content": [["type": "text", "text": "announce"]]],
            ]],
            ["type": "paragraph", "content": [
                ["type": "inlineCard", "attrs": ["url": "https://acme.atlassian.net/browse/ENG-2"]], ["type": "text", "text": " is "],
                ["type": "status", "attrs": ["text": "BLOCKED", "color": "red"]], ["type": "text", "text": " until "],
                ["type": "date", "attrs": ["timestamp": "1709251200000"]],
            ]],
            ["type": "mediaSingle", "content": [["type": "media", "attrs": ["id": "abc", "type": "file"]]]],
        ]]
        #expect(ADFPlainText.render(doc) == "[x] ship\n[ ] announce\n\nhttps://acme.atlassian.net/browse/ENG-2 is BLOCKED until 2024-03-01\n\n[attachment]")
    }

    @Test func unknownNodesFallBackToTheirChildren() {
        let doc: JSONValue = ["type": "doc", "version": 1, "content": [
            ["type": "futureBlock", "content": [["type": "paragraph", "content": [["type": "text", "text": "kept"]]]]],
            ["type": "paragraph", "content": [["type": "futureInline", "content": [["type": "text", "text": "also kept"]]]]],
        ]]
        #expect(ADFPlainText.render(doc) == "kept\n\nalso kept")
    }

    @Test func wikiMarkupStringsPassThroughAndEmptyDocumentsAreEmpty() {
        #expect(ADFPlainText.render("Deployed to *staging*.") == "Deployed to *staging*.")
        #expect(ADFPlainText.render(["type": "doc", "version": 1, "content": []]) == "")
    }
}
