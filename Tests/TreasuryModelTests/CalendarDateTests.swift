import Testing
import TreasuryModel

@Suite struct CalendarDateTests {
    @Test func dayNumbersRoundTrip() throws {
        let date = try #require(CalendarDate(iso: "2025-09-30"))
        #expect(date.dayNumber == 20_361)
        #expect(CalendarDate(dayNumber: 20_361) == date)
        #expect(CalendarDate(dayNumber: 0).description == "1970-01-01")
    }

    @Test func monthArithmeticClampsToTheMonthEnd() throws {
        let jan31 = try #require(CalendarDate(iso: "2025-01-31"))
        #expect(jan31.adding(months: 1).description == "2025-02-28")
        #expect(try #require(CalendarDate(iso: "2024-01-31")).adding(months: 1).description == "2024-02-29")
        #expect(try #require(CalendarDate(iso: "2028-09-15")).adding(months: -6).description == "2028-03-15")
        #expect(jan31.adding(months: -13).description == "2023-12-31")
    }

    @Test(arguments: ["2025-02-29", "2025-13-01", "25-01-01", "2025-1-01", "not a date", ""])
    func rejectsNonDates(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }
}
