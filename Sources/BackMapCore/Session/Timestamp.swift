import Foundation

/// An instant together with the UTC offset it was written in.
///
/// Session files carry ISO 8601 times with a zone ("2026-11-24T19:02:11+01:00").
/// Keeping the offset means a file read on a machine in another zone is
/// written back with the same text, so files diff cleanly. Parsing and
/// formatting are done by hand: they run for every mark of every session.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var date: Date
    /// Seconds east of UTC.
    public var utcOffset: Int

    public init(date: Date, utcOffset: Int) {
        self.date = date
        self.utcOffset = utcOffset
    }

    /// The instant in the machine's current time zone.
    public static func now(in zone: TimeZone = .current) -> Timestamp {
        // Whole seconds: that is all the file keeps, so a value survives a round trip.
        let date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        return Timestamp(date: date, utcOffset: zone.secondsFromGMT(for: date))
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.date < b.date }

    /// A wall-clock reading: the date and the time of day.
    public typealias Fields = (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)

    /// Wall-clock fields in the timestamp's own offset.
    public var fields: Fields {
        let (days, secondsOfDay) = localDay
        let (y, m, d) = Timestamp.civil(fromDays: days)
        return (y, m, d, secondsOfDay / 3600, secondsOfDay % 3600 / 60, secondsOfDay % 60)
    }

    /// The day in the timestamp's own offset (days since 1970-01-01) and the seconds into it.
    var localDay: (days: Int, secondsOfDay: Int) {
        let local = Int(floor(date.timeIntervalSince1970)) + utcOffset
        let days = Int((Double(local) / 86_400).rounded(.down))
        return (days, local - days * 86_400)
    }

    /// "2026-11-24", the day as the person lived it.
    public var day: String { text { $0.appendDay(fields) } }

    /// "19:02".
    public var clock: String { text { $0.appendClock(fields) } }

    /// "2026-11-24 19:02", the day and the clock as lists print them.
    public var dayAndClock: String { text { $0.appendDayAndClock(self) } }

    /// ISO 8601 with seconds and offset: "2026-11-24T19:02:11+01:00", or "Z" for UTC.
    public var description: String {
        text { bytes in
            let f = fields
            bytes.appendDay(f)
            bytes.append(UInt8(ascii: "T"))
            bytes.appendClock(f)
            bytes.append(UInt8(ascii: ":"))
            bytes.appendDecimal(f.second, digits: 2)
            if utcOffset == 0 {
                bytes.append(UInt8(ascii: "Z"))
            } else {
                let minutes = abs(utcOffset) / 60
                bytes.append(utcOffset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                bytes.appendDecimal(minutes / 60, digits: 2)
                bytes.append(UInt8(ascii: ":"))
                bytes.appendDecimal(minutes % 60, digits: 2)
            }
        }
    }

    /// Text written as bytes: times are printed for every session and every mark, and
    /// interpolating `String(value)`s cost more than the rest of a listed row.
    private func text(_ write: (inout [UInt8]) -> Void) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(25)
        write(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`, RFC 3339's date-time (and what
    /// `Assets/session.schema.json` says, so the two agree: SPEC 3); nil for anything
    /// else, an impossible date, a leap second, a compact offset or a space for the T included.
    public init?(iso8601 text: String) {
        var text = text
        guard let value = text.withUTF8({ Timestamp(iso8601Bytes: $0) }) else { return nil }
        self = value
    }

    /// The same parse over UTF-8 bytes, for the session decoder, which has the bytes
    /// of every mark's time in hand and need not make a string of each.
    init?(iso8601Bytes b: UnsafeBufferPointer<UInt8>) {
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var value = 0
            for i in start..<start + count {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        // A byte, not a Character: asking a Character for its ASCII value costs more than the
        // rest of the parse, and every mark of every file read has a time.
        func byte(_ i: Int, _ c: Unicode.Scalar) -> Bool { i < b.count && b[i] == UInt8(ascii: c) }
        guard let year = number(0, 4), byte(4, "-"), let month = number(5, 2), byte(7, "-"),
              let day = number(8, 2), byte(10, "T") || byte(10, "t"),
              let hour = number(11, 2), byte(13, ":"), let minute = number(14, 2), byte(16, ":"),
              let second = number(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var i = 19
        // Fractions of a second are accepted and dropped: files keep whole seconds.
        if byte(i, ".") {
            i += 1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > start, i - start <= 9 else { return nil }
        }
        var offset = 0
        if byte(i, "Z") || byte(i, "z") {
            i += 1
        } else if byte(i, "+") || byte(i, "-") {
            let sign = byte(i, "-") ? -1 : 1
            guard let oh = number(i + 1, 2), byte(i + 3, ":"), let om = number(i + 4, 2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = Timestamp.days(fromCivil: year, month, day)
        let local = Double(days * 86_400 + hour * 3600 + minute * 60 + min(second, 59))
        self.init(date: Date(timeIntervalSince1970: local - Double(offset)), utcOffset: offset)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days-from-civil algorithm: exact for the proleptic
    // Gregorian calendar and free of Calendar's per-call cost.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension Timestamp: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timestamp(iso8601: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text.prefix(40))\" is not an ISO 8601 time with a zone")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ByteSink {
    /// "2026-11-24".
    mutating func appendDay(_ f: Timestamp.Fields) {
        appendDecimal(f.year, digits: 4)
        append(UInt8(ascii: "-"))
        appendDecimal(f.month, digits: 2)
        append(UInt8(ascii: "-"))
        appendDecimal(f.day, digits: 2)
    }

    /// "19:02".
    mutating func appendClock(_ f: Timestamp.Fields) {
        appendDecimal(f.hour, digits: 2)
        append(UInt8(ascii: ":"))
        appendDecimal(f.minute, digits: 2)
    }

    /// "2026-11-24 19:02".
    mutating func appendDayAndClock(_ time: Timestamp) {
        let (days, secondsOfDay) = time.localDay
        let (year, month, day) = Timestamp.civil(fromDays: days)
        guard (0...9999).contains(year) else {
            let f = time.fields
            appendDay(f)
            append(UInt8(ascii: " "))
            return appendClock(f)
        }
        // `list` writes one for every session of a store: the sixteen bytes of a four-digit
        // year are put together in place and appended in one piece.
        var text: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &text) { text in
            func pair(_ value: Int, at index: Int) {
                text[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
                text[index + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
            }
            pair(year / 100, at: 0)
            pair(year % 100, at: 2)
            text[4] = UInt8(ascii: "-")
            pair(month, at: 5)
            text[7] = UInt8(ascii: "-")
            pair(day, at: 8)
            text[10] = UInt8(ascii: " ")
            pair(secondsOfDay / 3600, at: 11)
            text[13] = UInt8(ascii: ":")
            pair(secondsOfDay % 3600 / 60, at: 14)
        }
        withUnsafeBytes(of: text) { append(bytes: $0) }
    }
}

extension Timestamp {
    /// How many columns `appendDayAndClock` writes: 16 for the years 0–9999.
    var dayAndClockWidth: Int {
        // 0000-01-01 and 10000-01-01, in days since 1970-01-01.
        if (-719_528 ..< 2_932_897).contains(localDay.days) { return 16 }
        var bytes: [UInt8] = []
        bytes.appendDayAndClock(self)
        return bytes.count
    }
}
