import BackMapCore

extension TrendsState: Screen {
    /// The side panel's width range: the figures of a zone and the zones that moved most need room.
    static let panel = 28...64

    public var name: String { "trends" }
    public var keyHelp: [KeyHelp] { TrendsKeys.help }
    /// The back and its arrows, the title and the status line: 80×24 shows the
    /// panel beside it too; the chart takes lines to spare, never needs them.
    public var minimumSize: Size { BackLayout.minimum() }
    public var boundKeys: [[Key]] { TrendsKeys.table.boundKeys }
    public var followsStore: Bool { true }

    public func draw(into canvas: inout Canvas, theme: Theme) {
        let layout = BackLayout(width: canvas.width, height: canvas.height, panel: TrendsState.panel, yieldsLandmarks: true)
        Chrome.titleBar(TrendsPanel.title(trends, theme: theme), into: &canvas, theme: theme)
        if showsInsights, let insights {
            InsightsPanel(insights: insights, theme: theme)
                .draw(into: &canvas, x: 1, y: 2, width: min(canvas.width - 2, 100), bottom: canvas.height - 1)
            let s = theme.separator
            Chrome.statusLine(left: "trends \(s) what helps", message: message ?? "i heat map \(s) [ ] fewer/more sessions \(s) ? help",
                              save: nil, into: &canvas, theme: theme)
            return
        }
        var back = BackView(map: TrendsPanel.heatMap(trends), theme: theme, cursor: cursor,
                            maxWidth: min(layout.backWidth, canvas.width - layout.backX))
        back.labels = TrendsPanel.heatLabels(trends, theme: theme)
        back.draw(into: &canvas, x: layout.backX, y: layout.backY)
        let bottom = canvas.height - 1
        // The chart goes across the width under the back when there are lines to spare,
        // else into the side panel, else a one-line sparkline under the back.
        let chartBelow = bottom - layout.belowBack >= 6
        let panel = TrendsPanel(trends: trends, theme: theme)
        if layout.panelWidth > 0 {
            let x = layout.panelX
            let width = layout.panelWidth
            let panelBottom = chartBelow ? layout.belowBack : bottom
            var y = panel.drawLegend(into: &canvas, x: x, y: 2, width: width, bottom: panelBottom) + 1
            y = panel.drawZone(cursor, into: &canvas, x: x, y: y, width: width, bottom: panelBottom) + 1
            y = panel.drawSummary(into: &canvas, x: x, y: y, width: width, bottom: panelBottom) + 1
            if chartBelow {
                panel.drawNotable(into: &canvas, x: x, y: y, width: width, bottom: panelBottom)
            } else {
                panel.drawChart(into: &canvas, x: x, y: y, width: width, height: min(12, bottom - 1 - y))
            }
        }
        if chartBelow {
            let x = layout.backX
            panel.drawChart(into: &canvas, x: x, y: layout.belowBack + 1, width: canvas.width - x - 1,
                            height: min(14, bottom - 1 - layout.belowBack))
        } else if layout.panelWidth == 0, layout.belowBack < bottom {
            MeanChart(points: trends.sessions, theme: theme)
                .draw(into: &canvas, x: layout.backX, y: layout.belowBack, width: canvas.width - layout.backX, height: bottom - layout.belowBack)
        }
        let s = theme.separator
        var message = message ?? (layout.panelWidth == 0 ? TrendsPanel.zoneLine(trends[cursor], theme: theme)
            : subjects.count > 1 ? "s subject \(s) [ ] sessions \(s) ? help" : "[ ] fewer/more sessions \(s) ? help")
        if skippedFiles > 0, self.message == nil {
            message = "\(skippedFiles) unreadable file\(skippedFiles == 1 ? "" : "s") left out (backmap check)"
        }
        Chrome.statusLine(left: "trends \(s) \(cursor.side.title) \(cursor.segment.name)", message: message, save: nil,
                          into: &canvas, theme: theme)
    }
}

/// The pieces of the trends picture that the screen and `trends --print` share.
struct TrendsPanel {
    var trends: Trends
    var theme: Theme

    /// "backmap · trends · anna · last 30 of 120 sessions · 2026-01-03 → 2026-03-04 · #tag":
    /// whose back comes first, so pooled figures never pass for one person's.
    static func title(_ trends: Trends, theme: Theme) -> String {
        let s = theme.separator
        var parts = ["backmap", "trends", trends.subjectTitle, sessionsPhrase(trends)]
        if let first = trends.sessions.first, let last = trends.sessions.last {
            parts.append(first.id == last.id ? first.startedAt.day : "\(first.startedAt.day) \(theme.arrow) \(last.startedAt.day)")
        }
        if let tag = trends.filter.tag { parts.append("#" + tag) }
        return parts.joined(separator: " \(s) ")
    }

    static func sessionsPhrase(_ trends: Trends) -> String {
        let shown = trends.sessions.count
        if shown == trends.matchingCount { return shown == 1 ? "1 session" : "all \(shown) sessions" }
        return "last \(shown) of \(trends.matchingCount) sessions"
    }

    /// The heat level of every zone, as a map the back view colours like tightness.
    static func heatMap(_ trends: Trends) -> BackMap {
        var map = BackMap()
        for zone in Zone.all { map[zone] = trends[zone].heatLevel }
        return map
    }

    static func heatLabels(_ trends: Trends, theme: Theme) -> [Zone: String] {
        let drawing = theme.drawing
        var labels: [Zone: String] = [:]
        for zone in Zone.all where trends[zone].heatLevel != nil {
            labels[zone] = theme.heatCellText(trends[zone], width: drawing.cell(for: zone).width)
        }
        return labels
    }

    /// "L T7: tight 8/12 (67%), mean 1.9, worsening": the panel in one line.
    static func zoneLine(_ trend: ZoneTrend, theme: Theme) -> String {
        guard trend.sessionsRolled > 0, let percent = trend.percentTight else { return "not rolled in these sessions" }
        let over = trend.direction == .notEnoughData ? "" : " over \(trend.sessionsRolled)"
        return "tight \(trend.sessionsTight)/\(trend.sessionsRolled) (\(percent)), mean \(Trends.figure(trend.meanTightness ?? 0)), \(trend.direction.title)\(over)"
    }

    /// "Release 0.26 a session (12/30)": how far the mean tightness fell from the first pass
    /// to the last, on average over the sessions of the window that had two passes.
    static func releaseLine(_ trends: Trends) -> String {
        guard let average = trends.averageRelease else { return "Release: no session of 2+ passes" }
        let counts = "(\(trends.sessionsWithRelease)/\(trends.sessions.count))"
        let direction = average < 0 ? "tighter" : "looser"
        return "Release: \(InsightMeasure.releaseFigure(abs(average))) \(direction) \(counts)"
    }

    /// "60% tight, mean 1.6, +0.12 a session": a zone of the notable lists.
    static func slopeLine(_ trend: ZoneTrend, theme: Theme) -> String {
        let slope = trend.slope ?? 0
        return "\(trend.percentTight ?? "-") tight, mean \(Trends.figure(trend.meanTightness ?? 0)), \(slope > 0 ? "+" : "-")\(Trends.figure(abs(slope), digits: 2))/session"
    }

    /// Returns the next free line.
    func drawLegend(into canvas: inout Canvas, x: Int, y: Int, width: Int, bottom: Int) -> Int {
        let rows: [(Tightness?, String)] = [
            (.veryTight, "tight in 2/3 of sessions or more"),
            (.tight, "tight in 1/3 to 2/3"),
            (.mild, "tight in under 1/3"),
            (.relaxed, "never tight"),
            (nil, "not rolled in these sessions"),
        ]
        var line = y
        guard line < bottom else { return line }
        canvas.put("How often tight (2+) where rolled", x: x, y: line, style: theme.accent, maxWidth: width, ellipsis: theme.ellipsis)
        line += 1
        for (level, text) in rows where line < bottom {
            canvas.put(theme.heatSwatch(level), x: x, y: line, style: theme.style(level))
            canvas.put(text, x: x + 4, y: line, maxWidth: width - 4)
            line += 1
        }
        if line < bottom {
            let arrows = [TrendDirection.worsening, .improving, .steady].map { "\(theme.arrow($0)) \($0 == .worsening ? "tighter" : $0 == .improving ? "easier" : "steady")" }
            canvas.put(arrows.joined(separator: "  "), x: x, y: line, maxWidth: width, ellipsis: theme.ellipsis)
            line += 1
        }
        if line < bottom {
            canvas.put("figure after it: how many sessions", x: x, y: line, maxWidth: width, ellipsis: theme.ellipsis)
            line += 1
        }
        if line < bottom {
            canvas.put("no arrow: rolled fewer than \(Trends.minimumPoints) times", x: x, y: line, maxWidth: width, ellipsis: theme.ellipsis)
            line += 1
        }
        return line
    }

    func drawZone(_ zone: Zone, into canvas: inout Canvas, x: Int, y: Int, width: Int, bottom: Int) -> Int {
        let trend = trends[zone]
        var lines: [(String, Style)] = [("\(zone.side.title.capitalized) \(zone.segment.name)", theme.accent)]
        if trend.sessionsRolled == 0 {
            lines.append(("not rolled in these \(trends.sessions.count) sessions", .plain))
        } else {
            lines.append(("rolled in \(trend.sessionsRolled) of \(trends.sessions.count) sessions", .plain))
            lines.append(("tight in \(trend.sessionsTight) (\(trend.percentTight ?? "-")), mean \(Trends.figure(trend.meanTightness ?? 0))", theme.style(trend.heatLevel)))
            if let slope = trend.slope {
                let sign = slope > 0 ? "+" : slope < 0 ? "-" : ""
                // How many sessions the arrow rests on, as the figure in the cell says.
                lines.append(("trend: \(trend.direction.title) \(theme.arrow(trend.direction)), over \(trend.sessionsRolled) sessions", .plain))
                lines.append(("       \(sign)\(Trends.figure(abs(slope), digits: 2)) a session", .plain))
            } else {
                lines.append(("trend: none (rolled fewer than \(Trends.minimumPoints) times)", .plain))
            }
        }
        var line = y
        for (text, style) in lines where line < bottom {
            canvas.put(text, x: x, y: line, style: style, maxWidth: width, ellipsis: theme.ellipsis)
            line += 1
        }
        return line
    }

    func drawSummary(into canvas: inout Canvas, x: Int, y: Int, width: Int, bottom: Int) -> Int {
        var lines: [String]
        if trends.sessions.isEmpty {
            lines = ["No sessions to show" + (trends.filter.subject != nil || trends.filter.tag != nil ? " for this filter." : "; `backmap new` starts one.")]
        } else {
            let dash = theme.ascii ? "-" : "–"
            let partial = trends.sessions.filter { $0.isPartial && $0.zonesRated > 0 }.count
            lines = [
                "Mean tightness \(BackMap.formatMean(trends.meanTightness, dash: dash))" + (partial > 0 ? " (\(partial) partial)" : ""),
                "Zones: \(theme.arrow(.improving)) \(trends.count(.improving)) easier  \(theme.arrow(.worsening)) \(trends.count(.worsening)) tighter",
                "       \(theme.arrow(.steady)) \(trends.count(.steady)) steady  \(trends.count(.notEnoughData)) too rarely rolled",
                TrendsPanel.releaseLine(trends),
            ]
        }
        var line = y
        for text in lines where line < bottom {
            canvas.put(text, x: x, y: line, maxWidth: width, ellipsis: theme.ellipsis)
            line += 1
        }
        return line
    }

    /// The zones getting tighter, then easier, steepest first, as far as there are lines;
    /// returns the line after them.
    @discardableResult
    func drawNotable(into canvas: inout Canvas, x: Int, y: Int, width: Int, bottom: Int) -> Int {
        var line = y
        for (heading, zones) in TrendsPanel.notable(trends) where line + 1 < bottom {
            canvas.put(heading, x: x, y: line, style: theme.accent, maxWidth: width, ellipsis: theme.ellipsis)
            line += 1
            for trend in zones where line < bottom {
                let name = "\(trend.zone.side.initial) \(trend.zone.segment.name)"
                canvas.put(TerminalText.padded(name, toWidth: 6) + TrendsPanel.slopeLine(trend, theme: theme),
                           x: x + 1, y: line, maxWidth: width - 1)
                line += 1
            }
            line += 1
        }
        return line
    }

    /// The zones getting tighter, then easier, steepest first (at most four each).
    static func notable(_ trends: Trends) -> [(String, [ZoneTrend])] {
        let worse = trends.zones.filter { $0.direction == .worsening }.sorted { ($0.slope ?? 0) > ($1.slope ?? 0) }
        let better = trends.zones.filter { $0.direction == .improving }.sorted { ($0.slope ?? 0) < ($1.slope ?? 0) }
        var result: [(String, [ZoneTrend])] = []
        if !worse.isEmpty { result.append(("Getting tighter", Array(worse.prefix(4)))) }
        if !better.isEmpty { result.append(("Getting easier", Array(better.prefix(4)))) }
        return result
    }

    /// A heading and the mean chart, or a sparkline when only a line or two is left.
    func drawChart(into canvas: inout Canvas, x: Int, y: Int, width: Int, height: Int) {
        guard height >= 1, !trends.sessions.isEmpty else { return }
        let chart = MeanChart(points: trends.sessions, theme: theme)
        var top = y
        var rows = height
        if height >= 4 {
            canvas.put(chart.heading(width: width), x: x, y: top, style: theme.accent, maxWidth: width, ellipsis: theme.ellipsis)
            top += 1
            rows -= 1
        }
        chart.draw(into: &canvas, x: x, y: top, width: width, height: rows)
    }
}
