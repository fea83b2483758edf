import BackMapCore
import Foundation
import Testing

/// The HTML report as a doctor gets it: exported by the built `backmap`,
/// printed to PDF by headless Chromium, read back with pdfinfo and pdftotext,
/// and laid out in a phone-sized frame. Skipped, with the reason, where
/// Chromium or poppler-utils are not installed (`.ci/run` installs both).
@Suite(.serialized, .enabled(if: OutsideTools.canPrint, "needs chromium, pdfinfo and pdftotext (apt-get install chromium poppler-utils)"))
struct ReportPrintTests {
    /// Chromium starts slowly on a loaded machine; this only bounds a hang.
    static let chromiumTimeout: TimeInterval = 240

    func export(_ store: ReportStore, to file: URL, extra: [String] = []) async throws {
        let ids = store.sessions.map(\.id.rawValue)
        let result = try await run(try Programs.backmap(), ["export"] + ids + ["--format", "html", "-o", file.path, "--store", store.root.path] + extra,
                                   environment: ["LANG": "C.UTF-8"], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// Prints `html` to PDF (Letter, Chromium's default, or A4 through the page's own `@page`)
    /// and returns the text of each page.
    func printedPages(of html: URL, a4: Bool = false) async throws -> [String] {
        let folder = html.deletingLastPathComponent()
        var page = html
        if a4 {
            let text = try String(contentsOf: html, encoding: .utf8)
                .replacingOccurrences(of: "</head>", with: "<style type=\"text/css\">@page { size: A4; }</style></head>")
            page = folder.appendingPathComponent("a4-" + html.lastPathComponent)
            try text.write(to: page, atomically: false, encoding: .utf8)
        }
        let pdf = folder.appendingPathComponent(page.lastPathComponent + ".pdf")
        let chromium = try #require(OutsideTools.chromium)
        let printed = try await run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.appendingPathComponent("chromium").path)",
            "--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer", page.path,
        ], timeout: Self.chromiumTimeout)
        #expect(FileManager.default.fileExists(atPath: pdf.path), "chromium wrote no PDF: \(printed.stderr.suffix(500))")
        let info = try await run(try #require(OutsideTools.find("pdfinfo")), [pdf.path])
        let pages = try #require(info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) })
        #expect(info.stdout.contains(a4 ? "(A4)" : "(letter)"), "\(info.stdout)")
        let text = try await run(try #require(OutsideTools.find("pdftotext")), [pdf.path, "-"])
        // pdftotext ends every page with a form feed. Text wraps where the page
        // says, so each page is compared with its runs of white space made one space.
        var split = text.stdout.components(separatedBy: "\u{0C}")
        if split.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { split.removeLast() }
        #expect(split.count == pages)
        return split.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }

    /// Each session's id, its map and its zone note are on one page, and no other page names it.
    func expectEachSessionOnOnePage(_ pages: [String], _ store: ReportStore, sourceLocation: SourceLocation = #_sourceLocation) {
        for (index, session) in store.sessions.enumerated() {
            let holding = pages.indices.filter { pages[$0].contains(session.id.rawValue) }
            #expect(holding.count == 1, "session \(session.id) is on pages \(holding.map { $0 + 1 })", sourceLocation: sourceLocation)
            guard let page = holding.first.map({ pages[$0] }) else { continue }
            for label in ["map of session \(session.id)", "LEFT", "RIGHT", "T1", "S1", "shoulder-blade tips",
                          "burning feeling here in session \(index + 1),"] {
                #expect(page.contains(label), "page \(holding[0] + 1) lacks \(label)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func oneSessionPrintsOnOnePageOfLetterAndOfA4() async throws {
        let store = try ReportStore(count: 1)
        defer { store.remove() }
        let html = store.root.appendingPathComponent("one.html")
        try await export(store, to: html)
        for a4 in [false, true] {
            let pages = try await printedPages(of: html, a4: a4)
            #expect(pages.count == 1, "a4: \(a4)")
            expectEachSessionOnOnePage(pages, store)
            // The title and the legend share the page with the session.
            #expect(pages[0].contains("Skin-rolling record"))
            #expect(pages[0].contains("very tight: pulls away"))
        }
    }

    @Test func eightSessionsPrintAPageEachAfterOnePageOverTime() async throws {
        let store = try ReportStore(count: 8)
        defer { store.remove() }
        let html = store.root.appendingPathComponent("eight.html")
        try await export(store, to: html)
        for a4 in [false, true] {
            let pages = try await printedPages(of: html, a4: a4)
            // Page 1: title, legend and everything over time; page 2: first against last; then a page a session.
            #expect(pages.count == 2 + 8, "a4: \(a4)")
            expectEachSessionOnOnePage(pages, store)
            let overTime = try #require(pages.first)
            for part in ["Skin-rolling record", "Over time", "Mean tightness of the zones rolled", "How often each zone was tight",
                         "Sessions it was tight", "Direction is the least-squares slope"] {
                #expect(overTime.contains(part), "the first page lacks \(part)")
            }
            for session in store.sessions {
                #expect(overTime.contains("\(session.startedAt.day) \(session.startedAt.clock)"), "the table lacks \(session.id)")
            }
            #expect(pages.count > 1 && pages[1].contains("First and last") && pages[1].contains("change A → B"))
        }
    }

    /// The width the report takes in a frame as wide as a phone (Chromium's own
    /// window cannot be narrower than 500 px): the page's scrollWidth against its clientWidth.
    func widthInPhoneFrame(_ html: URL) async throws -> (scroll: Int, client: Int) {
        let report = try String(contentsOf: html, encoding: .utf8)
        var escaped = ""
        for character in report {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "<": escaped += "&lt;"
            default: escaped.append(character)
            }
        }
        // The probe lives in the test page, never in the report: the report has no scripts.
        let frame = """
            <!DOCTYPE html><html><body style="margin:0"><iframe style="width:390px;height:900px;border:0" srcdoc="\(escaped)"
            onload="var d = this.contentDocument.documentElement; document.body.setAttribute('data-width', d.scrollWidth + ' ' + d.clientWidth)"></iframe></body></html>
            """
        let page = html.deletingLastPathComponent().appendingPathComponent("phone.html")
        try frame.write(to: page, atomically: false, encoding: .utf8)
        let chromium = try #require(OutsideTools.chromium)
        let dom = try await run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(page.deletingLastPathComponent().appendingPathComponent("chromium").path)",
            "--dump-dom", page.path,
        ], timeout: Self.chromiumTimeout)
        let marker = try #require(dom.stdout.range(of: "data-width=\""), "no measure in: \(dom.stdout.prefix(300)) \(dom.stderr.suffix(300))")
        let numbers = dom.stdout[marker.upperBound...].prefix { $0 != "\"" }.split(separator: " ").compactMap { Int($0) }
        try #require(numbers.count == 2)
        return (numbers[0], numbers[1])
    }

    @Test func aLongURLInANoteAndThePhoneWidthNeverScrollThePageSideways() async throws {
        let url = "https://example.org/" + String(repeating: "very-long-path-segment-without-any-break", count: 5)
        let store = try ReportStore(count: 8, longNote: "Read this: \(url)")
        defer { store.remove() }
        let html = store.root.appendingPathComponent("phone-report.html")
        try await export(store, to: html)
        let width = try await widthInPhoneFrame(html)
        #expect(width.client > 300 && width.client <= 390)
        #expect(width.scroll <= width.client, "the page is \(width.scroll) px wide in a \(width.client) px frame")
        // Printed, the note wraps too: the session pages stay one each.
        let pages = try await printedPages(of: html)
        #expect(pages.count == 2 + 8)
    }
}
