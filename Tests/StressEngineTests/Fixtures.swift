import TreasuryModel

/// Small treasuries whose numbers can be checked by hand.
enum Fixtures {
    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text) ?? CalendarDate(dayNumber: 0) }

    /// 10,000 BTC at $100,000; a $200M loan on 5,000 BTC (LTV 40 %): margin call at 65 %
    /// (P = 200e6 / (5000 · 0.65) = $61,538.46), liquidation at 80 % (P = $50,000).
    static func loanTreasury(freeCash: Double = 5e6, marginCall: MarginCallResponse = .topUp) -> Treasury {
        Treasury(
            name: "Loan Co", asOf: date("2025-09-30"),
            market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 10_000, cashUSD: freeCash),
            equity: Equity(sharesOutstanding: 100e6, sharePrice: 10, authorizedShares: 1e9,
                           model: .mnav(elasticity: 0, floor: 0.1, cap: 10)),
            loans: [BTCLoan(id: "loan-a", principal: 200e6, rate: 0.08, maturity: date("2028-09-30"),
                            collateral: .bitcoin(5000), marginCallLTV: 0.65, liquidationLTV: 0.80, cureDays: 2,
                            targetLTV: 0.5)],
            policy: FundingPolicy(fundingOrder: [.cash, .reserve, .atm, .fundStakes, .bitcoin], minCashUSD: 0,
                                  marginCall: marginCall))
    }

    /// A company with one convertible and a preferred, equity following BTC with beta 1.
    static func convertibleTreasury(election: SettlementElection, conversionPrice: Double = 50) -> Treasury {
        Treasury(
            name: "Convert Co", asOf: date("2025-09-30"),
            market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 10_000, cashUSD: 2e9),
            equity: Equity(sharesOutstanding: 10e6, sharePrice: 100, model: .beta(1)),
            convertibleNotes: [ConvertibleNote(id: "cb", principal: 1e9, coupon: 0, couponsPerYear: 2,
                                               maturity: date("2026-03-31"), conversionPrice: conversionPrice,
                                               election: election)],
            policy: FundingPolicy(fundingOrder: [.cash, .bitcoin]))
    }
}
