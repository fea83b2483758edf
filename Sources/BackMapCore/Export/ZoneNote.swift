/// A note left on a zone, with what the zone was when the note was written.
///
/// A note says something about a moment ("still the worst spot" when the zone
/// was 3); showing it beside the zone's final level, after a later pass
/// changed it, would put words in the helper's mouth. So the report shows the
/// level of the mark that carries the note, and its pass.
struct ZoneNote: Equatable {
    var zone: Zone
    var text: String
    /// The level of the mark carrying the note; nil when that mark cleared the zone.
    var tightness: Tightness?
    var pass: Int

    /// The latest note of each zone, in the order of `Zone.all`; empty notes are left out.
    static func all(in session: Session) -> [ZoneNote] {
        Zone.all.compactMap { zone in
            guard let mark = session.marks.last(where: { $0.zone == zone && $0.note != nil }),
                  let text = mark.note, !text.isEmpty
            else { return nil }
            return ZoneNote(zone: zone, text: text, tightness: mark.tightness, pass: mark.pass)
        }
    }

    /// "right T7 (3 very tight, pass 1)".
    var heading: String {
        let level = tightness.map { "\($0.rawValue) \($0.title)" } ?? "cleared"
        return "\(zone.side.title) \(zone.segment.name) (\(level), pass \(pass))"
    }
}
