import Testing
import TreasuryModel
import StressResults
@testable import StressReports

/// The board report words structured events; these are the lines a treasurer reads.
@Suite struct EventWordingTests {
    func event(_ kind: SimulationEvent.Kind, _ detail: SimulationEvent.Detail, ref: String = "x", usd: Double = 0,
               btc: Double = 0, shares: Double = 0) -> String {
        EventWording.detail(SimulationEvent(day: 1, kind: kind, ref: ref, amountUSD: usd, btc: btc, shares: shares,
                                            btcPrice: 100_000, detail: detail))
    }

    @Test func fundingNamesEverySourceInWaterfallOrder() {
        let funding = FundingBreakdown(fromCash: 2e6, fromReserve: 4e6, fromATM: 2e6, atmShares: 1, fromBTC: 2e6, btcSold: 20)
        #expect(event(.couponPaid, .funded(funding)) == "cash $2.0M, reserve $4.0M, ATM $2.0M, BTC sales $2.0M (20.00 BTC)")
        #expect(event(.couponPaid, .funded(FundingBreakdown())) == "nothing")
    }

    @Test func triggersSayWhatCrossedWhat() {
        #expect(event(.marginCall, .marginCall(ltv: 0.6667, threshold: 0.65, cureDays: 2))
            == "LTV 67% ≥ 65%; cure within 2 days")
        #expect(event(.liquidation, .liquidation(.marginCallUncured(cureDays: 2)))
            == "lender sold collateral: margin call uncured after 2 days")
        #expect(event(.covenantBreach, .covenantBreach(metric: .leverage, value: 1.0 / 3.0, limit: .maximum(0.3)))
            == "leverage 0.333 rises above its maximum of 0.3")
        // A value that rounds to its limit gets the digits that tell them apart.
        #expect(event(.covenantBreach, .covenantBreach(metric: .mnav, value: 0.99987, limit: .minimum(1)))
            == "mNAV 0.9999 falls below its minimum of 1")
        #expect(event(.covenantCured, .covenantCured(metric: .coverage, value: .infinity)) == "coverage by seniority back to ∞")
        #expect(event(.acceleration, .accelerated(cause: .crossDefault(from: "cb"), funding: nil)) == "due now (cross-default from cb)")
        #expect(event(.missedPayment, .missed(.holderPut), usd: 1.01e9) == "holder put: $1.01B could not be funded")
    }

    @Test func salesAndDeliveriesGiveUnitsAndPrices() {
        #expect(event(.forcedSale, .fundSharesSold(shares: 29_206.4996), ref: "IBIT") == "sold 29,206 IBIT shares")
        #expect(event(.forcedSale, .bitcoinSold(netPrice: 99_500)) == "sold BTC at $100k net of slippage")
        #expect(event(.repaidInStock, .sharesDelivered(pricePerShare: 95)) == "par repaid in shares at $95")
        #expect(event(.dividendPaidInStock, .sharesDelivered(pricePerShare: 95)) == "paid in common shares at $95")
        #expect(event(.dividendDeferred, .none) == "cumulative: accrues as arrears")
    }

    @Test func instrumentTermsReadAsBefore() {
        #expect(AssumptionWording.terms(.convertibleNote(conversionPrice: 183.19, election: .stock, repayment: .cash,
                                                         putDates: [CalendarDate(iso: "2027-09-15") ?? CalendarDate(dayNumber: 0)]))
            == "converts at $183.19; stock settlement; repayment cash; holder put 2027-09-15")
        #expect(AssumptionWording.terms(.btcLoan(collateral: .bitcoin(2834), marginCallLTV: 0.75, liquidationLTV: 0.85,
                                                 cureDays: 2, floating: false))
            == "secured by 2834.00 BTC; margin call at LTV 75%, liquidation at 85%, cure 2 days")
        #expect(AssumptionWording.terms(.preferred(paymentsPerYear: 12, cumulative: true, payableIn: .cash))
            == "12× a year, cumulative, paid in cash")
    }
}
