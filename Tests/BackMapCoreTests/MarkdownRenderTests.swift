import BackMapCore
import Foundation
import Testing

/// The Markdown export rendered by a real CommonMark parser (markdown-it, from
/// Debian's python3-markdown-it), and the text that comes out compared with
/// what the user wrote: nothing lost, nothing turned into a list, a rule, a
/// heading or code.
@Suite(.enabled(if: Python.has("markdown_it"), "needs python3 with markdown-it (apt-get install python3-markdown-it)"))
struct MarkdownRenderTests {
    /// Renders Markdown from stdin with the CommonMark preset and prints, as JSON, the
    /// text of each blockquote, of each list item and of each h2 (markdown-it writes a
    /// line break after each <br>), and the names of the block elements found inside the blockquotes.
    static let renderer = #"""
        import json, sys
        from html.parser import HTMLParser
        from markdown_it import MarkdownIt

        html = MarkdownIt("commonmark").render(sys.stdin.read())

        class Reader(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.stack, self.found = [], {"blockquote": [], "li": [], "h2": [], "inside": []}
            def handle_starttag(self, tag, attrs):
                if tag in ("blockquote", "li", "h2"):
                    self.stack.append([tag, ""])
                elif self.stack and self.stack[-1][0] == "blockquote" and tag not in ("p", "br"):
                    self.found["inside"].append(tag)
            def handle_endtag(self, tag):
                if self.stack and self.stack[-1][0] == tag:
                    name, text = self.stack.pop()
                    self.found[name].append(text.strip())
            def handle_data(self, data):
                if self.stack:
                    self.stack[-1][1] += data

        reader = Reader()
        reader.feed(html)
        print(json.dumps(reader.found))
        """#

    struct Rendered: Decodable {
        var blockquote: [String]
        var li: [String]
        var h2: [String]
        var inside: [String]
    }

    func render(_ markdown: String) throws -> Rendered {
        let result = try Python.run(Self.renderer, input: Data(markdown.utf8))
        try #require(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Rendered.self, from: Data(result.stdout.utf8))
    }

    /// What a reader should see of a note: its lines, a tab as a space, trimmed at
    /// both ends as the reader above trims the whole quote.
    func expected(_ note: String) -> String {
        note.replacingOccurrences(of: "\t", with: " ").trimmingCharacters(in: .whitespaces)
    }

    static let notes = [
        "+ one plus", "- a dash", "* a star", "1. numbered", "2026) a year", "123456789. nine digits",
        "---", "***", "===", "    four spaces of code", "\tafter a tab", "# not a heading", "> not a quote",
        "```", "~~~ fence", "<b>not bold</b> & co", "| a | table |", "[a link](x) and ![img](y)", "_under_ *star* `code`",
        "ends with a backslash \\", "first\n- second as a dash\n3. third\n---\n    indented",
    ]

    @Test func sessionNotesRenderAsTheTextWrittenWhateverTheirFirstCharacters() throws {
        let sessions = Self.notes.enumerated().map { index, note in
            TransferFixtures.session(day: index, map: "1", note: note)
        }
        let rendered = try render(MarkdownExport.report(sessions))
        #expect(rendered.inside == [], "a note became \(rendered.inside)")
        #expect(rendered.blockquote == Self.notes.map(expected))
    }

    @Test func zoneNotesAndSubjectsRenderAsTheTextWritten() throws {
        let texts = ["- dash", "1. one", "---", "*star* _u_", "<i>x</i>", "a | b", "# h"]
        let sessions = texts.enumerated().map { index, text in
            var session = TransferFixtures.session(day: index, map: "1", subject: text)
            session.marks[0].note = text
            return session
        }
        let rendered = try render(MarkdownExport.report(sessions))
        for (text, session) in zip(texts, sessions) {
            #expect(rendered.h2.contains("\(session.startedAt.day) \(session.startedAt.clock) · \(text) · skin-rolling"), "\(text)")
            #expect(rendered.li.contains("left T1 (1 mild, pass 1): \(text)"), "\(text)")
        }
    }
}
