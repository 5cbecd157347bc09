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

extension Fixtures {
    /// `bitcoin` BTC at $100,000 and no cash against one note of `principal` USD repaid in cash on
    /// 2026-03-31 (its conversion price far out of reach), so BTC is sold to pay it; 10M shares
    /// at $20 with beta 1; funding from cash, then BTC.
    static func cashNoteTreasury(name: String, bitcoin: Double, principal: Double, loans: [BTCLoan] = []) -> Treasury {
        Treasury(
            name: name, asOf: date("2025-09-30"), market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: bitcoin),
            equity: Equity(sharesOutstanding: 10e6, sharePrice: 20, model: .beta(1)),
            convertibleNotes: [ConvertibleNote(id: "cb", principal: principal, coupon: 0, couponsPerYear: 2,
                                               maturity: date("2026-03-31"), conversionPrice: 1_000, election: .cash)],
            loans: loans, policy: FundingPolicy(fundingOrder: [.cash, .bitcoin]))
    }

    /// A Strategy-like mix in miniature: two convertibles (one put inside the horizon), three
    /// preferreds (cash, cash-or-stock, non-cumulative), a loan, a fund stake, an ATM gated by
    /// mNAV, a reserve, operating burn and covenants.
    static func mixedTreasury() -> Treasury {
        Treasury(
            name: "Mixed Co", asOf: date("2025-09-30"),
            market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 20_000, cashUSD: 100e6, reserve: CashReserve(usd: 150e6, uses: [.dividends, .interest]),
                               fundStakes: [FundStake(id: "ibit", ticker: "IBIT", shares: 5e6, btcPerShare: 0.000568, expenseRatio: 0.0025)]),
            equity: Equity(sharesOutstanding: 50e6, sharePrice: 50, authorizedShares: 500e6,
                           model: .mnav(elasticity: 0.5, floor: 0.6, cap: 4),
                           atm: ATMProgram(capacityUSD: 2e9, minMNAV: 1.0, maxDailyUSD: 50e6, discount: 0.02)),
            convertibleNotes: [
                ConvertibleNote(id: "cb-26", principal: 300e6, coupon: 0.01, couponsPerYear: 2, maturity: date("2027-06-30"),
                                conversionPrice: 80, putDates: [date("2026-06-30")], election: .mixed),
                ConvertibleNote(id: "cb-29", principal: 400e6, coupon: 0.0, couponsPerYear: 2, maturity: date("2029-06-30"),
                                conversionPrice: 120, election: .stock),
            ],
            loans: [BTCLoan(id: "loan-a", principal: 150e6, rate: 0.08, maturity: date("2027-03-31"),
                            collateral: .bitcoin(3_000), marginCallLTV: 0.65, liquidationLTV: 0.80, cureDays: 2, targetLTV: 0.5)],
            preferreds: [
                PreferredStock(id: "P-cash", notional: 400e6, rate: 0.10, paymentsPerYear: 4, cumulative: true, payableIn: .cash, seniority: 3),
                PreferredStock(id: "P-stock", notional: 300e6, rate: 0.08, paymentsPerYear: 4, cumulative: true, payableIn: .cashOrStock, seniority: 4),
                PreferredStock(id: "P-junior", notional: 200e6, rate: 0.10, paymentsPerYear: 12, cumulative: false, payableIn: .cash, seniority: 5),
            ],
            covenants: [
                Covenant(id: "liquidity", metric: .liquidityMonths, minimum: 12),
                Covenant(id: "leverage", metric: .leverage, maximum: 0.6),
            ],
            policy: FundingPolicy(fundingOrder: [.cash, .reserve, .atm, .fundStakes, .bitcoin], minCashUSD: 10e6,
                                  marginCall: .topUp, dividends: .payOrDefer, btcSaleSlippage: 0.005, prefundDays: 10),
            operatingCashFlowUSDPerYear: -24e6)
    }
}
