import BackMapCore

/// The release within a session (first pass against last) in short lines for a
/// side panel: the editor's, and replay's at the end of a session. Two lines where
/// the panel is wide, three narrow ones where it is not (23 columns at 80×24).
enum ReleaseLines {
    static func lines(_ release: SessionRelease, theme: Theme, width: Int) -> [String] {
        let arrow = theme.arrow
        let passes = "pass \(release.firstPass)\(arrow)\(release.lastPass)"
        guard release.zonesCompared > 0 else { return ["\(passes): no zone in both"] }
        let means = "mean \(BackMap.formatMean(release.meanBefore)) \(arrow) \(BackMap.formatMean(release.meanAfter))"
        let zones = " (\(release.zonesCompared) zone\(release.zonesCompared == 1 ? "" : "s"))"
        let wide = "\(passes): \(release.released) released, \(release.tightened) tightened"
        if TerminalText.width(of: wide) <= width, TerminalText.width(of: means + zones) <= width {
            return [wide, means + zones]
        }
        return ["\(passes): \(release.released) released", "\(release.tightened) tightened", means]
    }
}
