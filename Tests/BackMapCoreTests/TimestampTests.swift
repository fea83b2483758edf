import Foundation
import Testing
@testable import BackMapCore

/// Foundation's own reading of an ISO 8601 time, as an independent check of the hand parser.
private func foundationDate(_ text: String) throws -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return try #require(formatter.date(from: text))
}

@Suite("ISO 8601 times with a zone")
struct TimestampTests {
    @Test(arguments: [
        "2026-11-24T19:02:11+01:00",
        "2026-03-01T08:15:00-05:30",
        "2026-11-24T18:02:11Z",
        "1999-12-31T23:59:59+14:00",
        "2026-06-30T00:00:00-12:00",
    ])
    func formatGivesBackTheTextThatWasParsed(text: String) throws {
        let value = try time(text)
        #expect(value.description == text)
        #expect(value.date == (try foundationDate(text)))
    }

    @Test func offsetIsKeptAndTheInstantIsTheSame() throws {
        let paris = try time("2026-11-24T19:02:11+01:00")
        let utc = try time("2026-11-24T18:02:11Z")
        let newYork = try time("2026-11-24T13:02:11-05:00")
        #expect(paris.utcOffset == 3600)
        #expect(utc.utcOffset == 0)
        #expect(newYork.utcOffset == -5 * 3600)
        #expect(paris.date == utc.date)
        #expect(newYork.date == utc.date)
        #expect(paris != utc)
    }

    @Test func halfHourOffsetsParse() throws {
        let india = try time("2026-11-24T23:32:11+05:30")
        #expect(india.utcOffset == 5 * 3600 + 30 * 60)
        #expect(india.description == "2026-11-24T23:32:11+05:30")
        #expect(try time("2026-03-01T08:15:00-05:30").utcOffset == -(5 * 3600 + 30 * 60))
        #expect(try time("2026-11-24t18:02:11z").description == "2026-11-24T18:02:11Z")
    }

    @Test func fractionsOfASecondAreDropped() throws {
        let value = try time("2026-11-24T19:02:11.987654+01:00")
        #expect(value.description == "2026-11-24T19:02:11+01:00")
        #expect(value.date == (try time("2026-11-24T19:02:11+01:00")).date)
        #expect(value.date.timeIntervalSince1970 == value.date.timeIntervalSince1970.rounded(.down))
    }

    @Test func dayAndClockAreTheWallClockOfTheTimesOwnOffset() throws {
        // 05:20 on 1 January in UTC, but still New Year's Eve for the person.
        let value = try time("2025-12-31T23:50:00-05:30")
        #expect(value.day == "2025-12-31")
        #expect(value.clock == "23:50")
        let f = value.fields
        #expect(f.year == 2025 && f.month == 12 && f.day == 31 && f.hour == 23 && f.minute == 50 && f.second == 0)
    }

    @Test(arguments: [
        "2026-02-30T10:00:00Z",        // no 30 February
        "2026-04-31T10:00:00Z",        // April has 30 days
        "2026-02-29T10:00:00Z",        // 2026 is not a leap year
        "1900-02-29T10:00:00Z",        // centuries are not, unless divisible by 400
        "2100-02-29T10:00:00Z",
        "2026-11-24T19:02:11",         // no zone
        "2026-11-24",                  // no time
        "2026-13-01T10:00:00Z",
        "2026-00-10T10:00:00Z",
        "2026-11-00T10:00:00Z",
        "2026-11-24T24:00:00Z",
        "2026-11-24T19:60:00Z",
        // Outside RFC 3339's date-time, which the schema's "format" names: refused, so
        // that every time the program accepts is valid against the schema (SPEC 3).
        "2026-11-24T23:32:11+0530",
        "2026-11-24 19:02:11Z",
        "2026-06-30T23:59:60Z",
        "2026-13-45T25:61:61Z",
        "2026-11-24T19:02:11+1:00",
        "2026-11-24T19:02:11+01:60",
        "2026-11-24T19:02:11.Z",
        "2026-11-24T19:02:11Zjunk",
        "2026-11-24T19:02:11+01:00 ",
        "26-11-24T19:02:11Z",
        "2026/11/24T19:02:11Z",
        "",
    ])
    func invalidTimesAreRefused(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test(arguments: ["2024-02-29T12:00:00Z", "2000-02-29T12:00:00Z", "2028-02-29T12:00:00+09:00"])
    func leapDaysOfLeapYearsAreAccepted(text: String) throws {
        let value = try time(text)
        #expect(value.description == text)
        #expect(value.date == (try foundationDate(text)))
    }

    @Test func dayClockAndTextAgreeWithFoundationsCalendarOverFourCenturies() throws {
        // An instant every 997,331 s (about 11.5 days, so every hour and day comes round)
        // from 1900 to 2300, in four offsets: the digits written by hand against a Gregorian
        // calendar's fields.
        var calendar = Calendar(identifier: .gregorian)
        for offset in [0, 3600, -34_200, 45_900] {
            calendar.timeZone = try #require(TimeZone(secondsFromGMT: offset))
            for seconds in stride(from: -2_208_988_800, to: 10_413_792_000, by: 997_331) {
                let time = Timestamp(date: Date(timeIntervalSince1970: Double(seconds)), utcOffset: offset)
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time.date)
                let day = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
                let clock = String(format: "%02d:%02d", c.hour!, c.minute!)
                #expect(time.day == day)
                #expect(time.clock == clock)
                #expect(time.dayAndClock == "\(day) \(clock)")
                #expect(time.description.hasPrefix(day + "T" + clock + String(format: ":%02d", c.second!)))
                #expect(Timestamp(iso8601: time.description) == time)
            }
        }
    }

    @Test func ordersByInstantWhateverTheOffset() throws {
        let earlier = try time("2026-11-24T19:00:00+01:00") // 18:00Z
        let later = try time("2026-11-24T18:30:00Z")
        #expect(earlier < later)
    }

    @Test func codesAsAJSONString() throws {
        let value = try time("2026-03-01T08:15:00-05:30")
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-03-01T08:15:00-05:30\"]")
        #expect(try JSONDecoder().decode([Timestamp].self, from: data) == [value])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Timestamp].self, from: Data("[\"2026-02-30T10:00:00Z\"]".utf8))
        }
    }

    @Test func nowHasWholeSecondsAndTheZonesOffset() throws {
        let zone = try #require(TimeZone(secondsFromGMT: -9000))
        let now = Timestamp.now(in: zone)
        #expect(now.utcOffset == -9000)
        #expect(now.date.timeIntervalSince1970 == now.date.timeIntervalSince1970.rounded(.down))
        #expect(Timestamp(iso8601: now.description) == now)
    }
}
