import StandIns
import Testing

@testable import ConfluenceConnector

/// Confluence storage format (XHTML) to plain text.
@Suite struct StorageRendererTests {
    @Test func entitiesAreDecoded() {
        #expect(StoragePlainText.render(ConfluenceStorageSamples.entities) == "Fish & chips <3 \"quoted\" — café 😀 done")
    }

    @Test func listsNestAndNumber() {
        #expect(StoragePlainText.render(ConfluenceStorageSamples.lists) == "Steps:\n\n- first\n- second\n  1. nested")
    }

    @Test func codeMacrosKeepTheirCodeAndDropTheirParameters() {
        #expect(StoragePlainText.render(ConfluenceStorageSamples.codeMacro) == "Run this:\n\nif [ \"$a\" < 3 ]; then\n  echo \"<ok>\"\nfi")
    }

    @Test func linksAndMentions() {
        #expect(
            StoragePlainText.render(ConfluenceStorageSamples.linksAndMentions)
                == "Ask @5b10ac8d82e05b22cc7d4ef5 or read the guide (https://example.com/guide).")
    }

    @Test func headingsBreaksAndWhitespace() {
        #expect(StoragePlainText.render(ConfluenceStorageSamples.headingsAndBreaks) == "Summary\n\nLine one\nLine two\n\nSpaced out")
    }

    @Test func tables() {
        #expect(StoragePlainText.render(ConfluenceStorageSamples.table) == "Host | State\ndb1 | up")
    }

    @Test func oddInputIsReadLeniently() {
        #expect(StoragePlainText.render("a < b &unknown; &amp c<!-- hidden --> <pre>  x\n  y</pre>") == "a < b &unknown; &amp c\n\n  x\n  y")
        #expect(StoragePlainText.render("") == "")
        #expect(StoragePlainText.render("<p></p><p>  </p>") == "")
        #expect(StoragePlainText.render("<p>a</p><p>b</p>") == "a\n\nb")
    }
}
