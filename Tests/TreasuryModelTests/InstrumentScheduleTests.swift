import Foundation
import Testing
import TreasuryModel

@Suite struct InstrumentScheduleTests {
    let asOf = CalendarDate(iso: "2025-09-30")!

    @Test func couponsFallEverySixMonthsCountedBackFromMaturity() throws {
        let note = ConvertibleNote(id: "2028", principal: 1.01e9, coupon: 0.00625, couponsPerYear: 2,
                                   maturity: try #require(CalendarDate(iso: "2028-09-15")), conversionPrice: 183.19)
        let dates = note.couponDates(after: asOf).map(\.description)
        #expect(dates == ["2026-03-15", "2026-09-15", "2027-03-15", "2027-09-15", "2028-03-15", "2028-09-15"])
        // 1.01e9 × 0.625 % / 2 = 3,156,250.
        #expect(note.couponAmount == 3_156_250)
        #expect(abs(note.conversionShares - 1.01e9 / 183.19) < 1e-6)
    }

    @Test func quarterlyDividendsFallAtQuarterEnds() {
        let strf = PreferredStock(id: "STRF", notional: 1.28e9, rate: 0.10, paymentsPerYear: 4)
        let dates = strf.dividendDates(after: asOf, through: asOf.adding(days: 365)).map(\.description)
        #expect(dates == ["2025-12-31", "2026-03-31", "2026-06-30", "2026-09-30"])
        #expect(strf.dividendAmount == 32e6)
        let strc = PreferredStock(id: "STRC", notional: 1.2e9, rate: 0.10, paymentsPerYear: 12)
        #expect(strc.dividendDates(after: asOf, through: asOf.adding(days: 92)).map(\.description)
                == ["2025-10-31", "2025-11-30", "2025-12-31"])
    }

    @Test func fundStakeBTCPerShareDecaysByTheExpenseRatio() {
        let ibit = FundStake(id: "ibit", ticker: "IBIT", shares: 1e6, btcPerShare: 0.000568, expenseRatio: 0.0025)
        // One year: b₀ · (1 − 0.25 %); two years: b₀ · 0.9975².
        #expect(abs(ibit.btcPerShare(afterDays: 365) - 0.000568 * 0.9975) < 1e-15)
        #expect(abs(ibit.btcPerShare(afterDays: 730) - 0.000568 * 0.9975 * 0.9975) < 1e-15)
        #expect(ibit.btcPerShare(afterDays: 0) == 0.000568)
    }
}
