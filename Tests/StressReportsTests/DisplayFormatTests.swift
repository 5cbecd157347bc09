import Testing
@testable import StressReports
import StressResults
import TreasuryModel

/// Every board number format is total: extreme, infinite and NaN values give text, never a trap.
@Suite struct DisplayFormatTests {
    static let extremes: [Double] = [0, -0.0, 1, -1, 1e-300, -1e-300, 1e300, -1e300, 9.3e18, -9.3e18,
                                     .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan]

    @Test(arguments: extremes)
    func everyFormatGivesText(_ value: Double) {
        let texts = [
            DisplayFormat.usd(value), DisplayFormat.price(value), DisplayFormat.grouped(value), DisplayFormat.btc(value),
            DisplayFormat.shares(value), DisplayFormat.percent(value), DisplayFormat.percent(value, decimals: 1),
            DisplayFormat.signedPercent(value), DisplayFormat.multiple(value), DisplayFormat.satsPerShare(value),
            DisplayFormat.compactBTC(value), DisplayFormat.wholePercent(value),
            DisplayFormat.metric(value), DisplayFormat.wholeUnits(value),
        ]
        #expect(texts.allSatisfy { !$0.isEmpty })
    }

    @Test func largeWholeNumbersKeepTheirDigits() {
        #expect(DisplayFormat.grouped(1e19) == "10,000,000,000,000,000,000")
        #expect(DisplayFormat.price(61_538.46) == "$61,538")
        #expect(DisplayFormat.grouped(-1_234_567.6) == "−1,234,568")
        #expect(DisplayFormat.satsPerShare(0.002229) == "222,900 sats")
        #expect(DisplayFormat.wholePercent(-0.001) == "0%")
        #expect(DisplayFormat.wholePercent(0.667) == "67%")
    }
}

/// Links in the batch index stay relative links whatever a treasury file is called.
@Suite struct BatchIndexLinkTests {
    @Test func fileNamesCannotBecomeURLSchemes() {
        #expect(BatchIndexModel.relativeLink("javascript:alert(1)/standard.html") == "./javascript%3Aalert%281%29/standard.html")
        #expect(BatchIndexModel.relativeLink("Strategy Q1/set.xml") == "./Strategy%20Q1/set.xml")
        #expect(BatchIndexModel.relativeLink("naïve/set.html") == "./na%C3%AFve/set.html")
        #expect(BatchIndexModel.relativeLink("alpha/quick-a.html") == "./alpha/quick-a.html")
    }

    /// A summary whose worst trigger is a forced sale at any price never says "none" for the
    /// first forced sale, and raw identifiers become words (issue 11).
    @Test func aForcedSaleAtAnyPriceIsNotNone() {
        var summary = QuarterSummary(quarter: "2026-Q1", treasury: "t", scenarioSet: "s")
        summary.worstTrigger = "forcedSale (at any price)"
        #expect(TriggerWording.worst(summary) == "First forced sale of BTC at any price")
        #expect(TriggerWording.forcedSale(summary) == "at any price")
        summary.worstTrigger = "covenantBreach liquidity"
        summary.worstTriggerPrice = 54_367
        #expect(TriggerWording.worst(summary) == "Covenant liquidity breached at $54,367")
        #expect(TriggerWording.forcedSale(summary) == "none")
        summary.forcedSalePrice = 50_000
        #expect(TriggerWording.forcedSale(summary) == "$50,000")
        let table = HistoryTable.render([summary])
        #expect(table.contains("$50,000"))
        #expect(!table.contains("forcedSale"))
    }

    /// A batch row whose report is dated outside the batch's quarter says so (issue 11).
    @Test func anAsOfOutsideTheQuarterIsStated() throws {
        let (first, last) = try #require(BatchIndexModel.quarterDates("2026-Q4"))
        #expect(first.description == "2026-10-01" && last.description == "2026-12-31")
        #expect(BatchIndexModel.quarterDates("2026-Q5") == nil)
        func row(asOf: String) -> [String: Any] {
            var entry = BatchEntry(treasury: "t", scenarioSet: "s", outcome: .ok)
            entry.summary = QuarterSummary(quarter: "2026-Q1", treasury: "t", scenarioSet: "s")
            entry.asOf = CalendarDate(iso: asOf)
            let model = BatchIndexModel.build(quarter: "2026-Q1", entries: [entry])
            return (model["entries"] as? [[String: Any]])?.first ?? [:]
        }
        #expect(row(asOf: "2025-09-30")["asOfNote"] as? String == "as of 2025-09-30, outside 2026-Q1")
        #expect(row(asOf: "2025-09-30")["hasAsOfNote"] as? Bool == true)
        #expect(row(asOf: "2026-03-31")["hasAsOfNote"] as? Bool == false)
    }
}
