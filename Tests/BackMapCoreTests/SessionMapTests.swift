import Testing
@testable import BackMapCore

/// Two passes worked by hand:
///
/// pass 1: L S1 2, L L5 3, L S1 1 (changed mind), R S1 0, L L4 2
/// pass 2: L L5 1, R S1 cleared, R T1 3
private func twoPassSession() throws -> Session {
    try session(marks: [
        mark(.left, .s1, .tight),
        mark(.left, .l5, .veryTight),
        mark(.left, .s1, .mild),
        mark(.right, .s1, .relaxed),
        mark(.left, .l4, .tight),
        mark(.left, .l5, .mild, pass: 2),
        mark(.right, .s1, nil, pass: 2),
        mark(.right, .t1, .veryTight, pass: 2),
    ])
}

@Suite("Maps derived from the log")
struct SessionMapTests {
    @Test func countsAndScoreAgreeWithAZoneByZoneSumOnRandomMaps() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var map = BackMap()
            for zone in Zone.all { map[zone] = Bool.random(using: &generator) ? nil : Tightness(rawValue: Int.random(in: 0...3, using: &generator)) }
            let ratings = Zone.all.compactMap { map[$0]?.rawValue }
            #expect(map.ratedCount == ratings.count)
            #expect(map.score == ratings.reduce(0, +))
            #expect(map.tightCount == ratings.filter { $0 >= Tightness.tight.rawValue }.count)
        }
        var full = BackMap()
        for zone in Zone.all { full[zone] = .veryTight }
        #expect(full.ratedCount == 36 && full.score == 108 && full.tightCount == 36)
    }

    @Test func compactBytesGiveBackTheMapTheyWereWrittenFrom() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var map = BackMap()
            for zone in Zone.all { map[zone] = Bool.random(using: &generator) ? nil : Tightness(rawValue: Int.random(in: 0...3, using: &generator)) }
            let read = Array(map.compact.utf8).withUnsafeBufferPointer { BackMap(compact: $0) }
            #expect(read == map)
        }
        for bad in [String(repeating: ".", count: 35), String(repeating: "4", count: 36), String(repeating: ".", count: 35) + "x"] {
            #expect(Array(bad.utf8).withUnsafeBufferPointer { BackMap(compact: $0) } == nil)
        }
        // Every other byte, in every place (the bytes are read eight at a time).
        let good = Array(String(repeating: "0123.", count: 8).utf8.prefix(36))
        for place in 0..<36 {
            for byte in UInt8.min...UInt8.max where !Array(".0123".utf8).contains(byte) {
                var bytes = good
                bytes[place] = byte
                #expect(bytes.withUnsafeBufferPointer { BackMap(compact: $0) } == nil, "byte \(byte) at \(place)")
            }
        }
        let read = good.withUnsafeBufferPointer { BackMap(compact: $0) }
        #expect(read?.compact == String(decoding: good, as: UTF8.self))
    }

    @Test func decimalsArePaddedAndSigned() {
        for (value, digits, text) in [(0, 1, "0"), (7, 2, "07"), (2026, 4, "2026"), (123, 2, "123"), (-5, 3, "-005"),
                                      (Int.max, 1, String(Int.max)), (Int.min, 1, String(Int.min))] {
            var bytes: [UInt8] = []
            bytes.appendDecimal(value, digits: digits)
            #expect(String(decoding: bytes, as: UTF8.self) == text)
        }
        var bytes: [UInt8] = []
        bytes.appendDecimal(UInt64.max)
        #expect(String(decoding: bytes, as: UTF8.self) == String(UInt64.max))
    }

    @Test func meanTextIsPrintfsTwoDecimalsForEveryScoreAndCount() {
        // Every mean a map can have: 1–36 zones rolled, each 0–3. A tie in the hundredths
        // (odd eighths: 0.125, 0.375 …) goes to the even digit, as printf rounds them.
        for rated in 1...Zone.all.count {
            for score in 0...(3 * rated) {
                let map = mapWith(rated: rated, score: score)
                #expect(map.meanText(dash: "–") == String(format: "%.2f", Double(score) / Double(rated)), "score \(score) of \(rated)")
            }
        }
        #expect(BackMap().meanText(dash: "-") == "-")
        #expect(BackMap().meanText(dash: "–") == BackMap.formatMean(nil))
    }

    @Test func mapOfAPassIsTheLastMarkOfEachZoneInThatPass() throws {
        let s = try twoPassSession()
        let first = s.map(pass: 1)
        #expect(first[.left, .s1] == .mild)
        #expect(first[.left, .l5] == .veryTight)
        #expect(first[.right, .s1] == .relaxed)
        #expect(first[.left, .l4] == .tight)
        #expect(first[.right, .t1] == nil)
        #expect(first.ratedCount == 4)
        #expect(first.score == 1 + 3 + 0 + 2)
        #expect(first.tightCount == 2)
        #expect(first.tightExtent == 0.5)

        let second = s.map(pass: 2)
        #expect(second[.left, .l5] == .mild)
        #expect(second[.right, .s1] == nil)
        #expect(second[.right, .t1] == .veryTight)
        #expect(second[.left, .s1] == nil)
        #expect(second.ratedCount == 2)
        #expect(second.score == 4)
        #expect(second.tightZones == [Zone(.right, .t1)])
    }

    @Test func sessionMapTakesEachZoneFromTheLatestPassThatTouchedIt() throws {
        let map = try twoPassSession().map
        #expect(map[.left, .s1] == .mild)       // only pass 1 touched it
        #expect(map[.left, .l5] == .mild)       // pass 2 overrides pass 1's 3
        #expect(map[.left, .l4] == .tight)
        #expect(map[.right, .t1] == .veryTight)
        #expect(map[.right, .s1] == nil)        // cleared in pass 2: unknown again, not 0
        #expect(map.ratedCount == 4)
        #expect(map.score == 1 + 1 + 2 + 3)
        #expect(map.tightCount == 2)
        #expect(map.tightExtent == 0.5)
        #expect(map.tightZones == [Zone(.left, .l4), Zone(.right, .t1)])
    }

    @Test func aLaterMarkInAnEarlierPassDoesNotOverrideALaterPass() throws {
        let s = try session(marks: [
            mark(.left, .t1, .veryTight, pass: 2),
            mark(.left, .t1, .relaxed, pass: 1),
        ])
        #expect(s.map[.left, .t1] == .veryTight)
        #expect(s.map(pass: 1)[.left, .t1] == .relaxed)
    }

    @Test func mapThroughMarkReplaysThePrefixOfTheLog() throws {
        let s = try twoPassSession()
        #expect(s.map(throughMark: 0) == BackMap())
        #expect(s.map(throughMark: -3) == BackMap())

        let afterThree = s.map(throughMark: 3)
        #expect(afterThree[.left, .s1] == .mild)
        #expect(afterThree[.left, .l5] == .veryTight)
        #expect(afterThree.ratedCount == 2)

        let afterSix = s.map(throughMark: 6)
        #expect(afterSix[.left, .l5] == .mild)
        #expect(afterSix[.right, .s1] == .relaxed)
        #expect(afterSix.score == 1 + 1 + 0 + 2)

        let afterSeven = s.map(throughMark: 7)
        #expect(afterSeven[.right, .s1] == nil)
        #expect(afterSeven.ratedCount == 3)

        #expect(s.map(throughMark: 8) == s.map)
        #expect(s.map(throughMark: 100) == s.map)
    }

    @Test func unknownZonesNeverCountAsRelaxed() {
        var map = BackMap()
        #expect(map.ratedCount == 0)
        #expect(map.score == 0)
        #expect(map.tightExtent == nil)

        map[.left, .t1] = .relaxed
        map[.left, .t2] = .relaxed
        map[.left, .t3] = .relaxed
        map[.left, .t4] = .veryTight
        // 1 tight zone of 4 rolled, not 1 of 36.
        #expect(map.ratedCount == 4)
        #expect(map.score == 3)
        #expect(map.tightExtent == 0.25)

        map[.left, .t4] = nil
        #expect(map.ratedCount == 3)
        #expect(map.tightExtent == 0.0)
    }

    @Test func passesAndLastPassComeFromTheMarks() throws {
        #expect(try session().passes == [])
        #expect(try session().lastPass == 1)
        let s = try twoPassSession()
        #expect(s.passes == [1, 2])
        #expect(s.lastPass == 2)
    }

    @Test func zoneNoteIsTheLatestNoteLeftOnThatZone() throws {
        let s = try session(marks: [
            mark(.left, .t7, .tight, note: "knot under the blade"),
            mark(.left, .t7, .mild),
            mark(.left, .t7, .mild, pass: 2, note: "softer now"),
            mark(.right, .t7, .relaxed),
        ])
        #expect(s.note(for: Zone(.left, .t7)) == "softer now")
        #expect(s.note(for: Zone(.right, .t7)) == nil)
    }

    @Test func compactFormKeepsEveryZoneAndUnknownApart() throws {
        let map = try twoPassSession().map
        let compact = map.compact
        #expect(compact.count == 36)
        #expect(BackMap(compact: compact) == map)
        #expect(BackMap().compact == String(repeating: ".", count: 36))
    }
}

@Suite("Mean tightness of the rolled zones")
struct MeanTightnessTests {
    @Test func meanDividesTheScoreByTheZonesRolledNotByAllZones() {
        var map = BackMap()
        map[.left, .s1] = .veryTight
        map[.left, .l5] = .mild
        map[.right, .t1] = .relaxed
        map[.right, .t2] = .tight
        // (3 + 1 + 0 + 2) / 4 rolled zones; the 32 unknown zones count for nothing.
        #expect(map.meanTightness == 1.5)
        #expect(BackMap.formatMean(map.meanTightness) == "1.50")
        #expect(map.isPartial)
    }

    @Test func nothingRolledHasNoMeanAndPrintsADash() {
        let map = BackMap()
        #expect(map.meanTightness == nil)
        #expect(BackMap.formatMean(map.meanTightness) == "–")
    }

    @Test func thirtyZonesRolledIsNotPartial() {
        var map = BackMap()
        for zone in Zone.all.prefix(29) { map[zone] = .mild }
        #expect(map.isPartial)
        map[Zone.all[29]] = .relaxed
        #expect(!map.isPartial)
        #expect(map.meanTightness.map { abs($0 - 29.0 / 30.0) < 1e-12 } == true)
    }
}
