import Testing
import TreasuryModel

/// The embedded BTC history parser: the committed file, and the rows it must refuse.
@Suite struct BTCHistoryParseTests {
    func parse(_ text: String) -> BTCHistory? { BTCHistory.parse(csv: Array(text.utf8)) }

    @Test func theEmbeddedFileParsesWhole() {
        let history = BTCHistory.embedded
        #expect(history.firstDate == CalendarDate(iso: "2011-12-31"))
        #expect(history.lastDate == CalendarDate(iso: "2026-08-21"))
        #expect(history.closes.count == 5_348)
        #expect(history.close(on: CalendarDate(iso: "2025-10-06") ?? history.firstDate) == 124_750)
    }

    @Test func consecutiveRowsParse() {
        let history = parse("date,close\n2020-01-01,7200.5\r\n2020-01-02,7300\n")
        #expect(history?.closes == [7200.5, 7300])
        #expect(history?.firstDate == CalendarDate(iso: "2020-01-01"))
    }

    @Test(arguments: [
        "date,close\n2020-01-01,7200\n2020-01-03,7300\n",  // a missing day
        "date,close\n2020-01-01,0\n",                       // not positive
        "date,close\n2020-01-01,abc\n",                     // not a number
        "date,close\n2020-13-01,7200\n",                    // not a date
        "date,close\n2020-01-01;7200\n",                    // wrong separator
        "date,close\n",                                     // no rows
    ])
    func badRowsAreRefused(_ text: String) {
        #expect(parse(text) == nil)
    }
}
