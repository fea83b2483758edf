import BackMapCore
import Foundation

/// A generated diary of daily sessions for the insights tests and the README's
/// example: one person, an evening session a day, some tagged `epsom` (a bath that
/// evening), `stretch` or `water`, a few with the foam roller, about half with a
/// second pass.
///
/// `epsomEffect` is how many levels looser every zone is in an epsom session, and
/// `nextDayEffect` in the session after one; `stretch` and the random tag change
/// nothing. The same seed always gives the same sessions.
public enum InsightsExample {
    public static func sessions(seed: UInt64, count: Int = 60, epsomEffect: Double = 0.6,
                                nextDayEffect: Double = 0.3, randomTag: String? = nil) -> [Session] {
        var random = SeededGenerator(seed: seed)
        func uniform(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + (range.upperBound - range.lowerBound) * Double(random.next() >> 11) / Double(1 << 53)
        }
        func chance(_ p: Double) -> Bool { uniform(0...1) < p }
        let baseline = Zone.all.map { _ in uniform(0.8...2.4) }
        let first = Date(timeIntervalSince1970: 1_788_285_600) // 2026-09-01 19:00 +01:00
        var sessions: [Session] = []
        var previousEpsom = false
        for day in 0..<count {
            let start = Timestamp(date: first.addingTimeInterval(Double(day * 86_400 + random.index(below: 3600))),
                                  utcOffset: 3600)
            let id = SessionID.make(at: start, random: { UInt16(truncatingIfNeeded: random.next()) })
            var session = Session(id: id, startedAt: start, technique: chance(0.15) ? .foamRoller : .skinRolling)
            let epsom = chance(0.35)
            if epsom { session.tags.append("epsom") }
            if chance(0.45) { session.tags.append("stretch") }
            if [5, 20, 40].contains(day) { session.tags.append("water") }
            if let randomTag, chance(0.5) { session.tags.append(randomTag) }
            let shift = uniform(-0.3...0.3) - (epsom ? epsomEffect : 0) - (previousEpsom ? nextDayEffect : 0)
            previousEpsom = epsom

            var clock = start.date
            func rate(_ zone: Zone, _ level: Double, pass: Int) {
                clock = clock.addingTimeInterval(5 + Double(random.index(below: 6)))
                let value = Tightness(rawValue: max(0, min(3, Int(level.rounded())))) ?? .relaxed
                session.marks.append(Mark(at: Timestamp(date: clock, utcOffset: 3600), pass: pass, zone: zone, tightness: value))
            }
            var levels: [Zone: Double] = [:]
            for zone in Zone.rollingOrder where !chance(0.08) {
                let level = baseline[zone.index] + shift + uniform(-0.7...0.7)
                levels[zone] = level
                rate(zone, level, pass: 1)
            }
            if chance(0.5) {
                for zone in Zone.rollingOrder where levels[zone] != nil && chance(0.6) {
                    rate(zone, (levels[zone] ?? 0) - uniform(0...0.9), pass: 2)
                }
            }
            let mean = levels.values.reduce(0, +) / Double(max(1, levels.count))
            if chance(0.85) {
                let before = max(0, min(10, Int((1.5 + 2 * mean + uniform(-1...1)).rounded())))
                session.painBefore = before
                session.painAfter = max(0, before - random.index(below: 3) - (epsom ? 1 : 0))
            }
            sessions.append(session)
        }
        return sessions
    }
}
