import TreasuryModel
import StressResults

extension SimulatedTreasury {
    /// Secured loans (DESIGN §3.5): liquidation at or above liquidationLTV or after an uncured
    /// call; a margin call at or above marginCallLTV, cured per policy.
    mutating func manageLoans() {
        for i in loanPrincipal.indices where loanPrincipal[i] > 0 {
            let loan = sim.loanTerms[i]
            let current = ltv(i)
            if current > peakLTV[i] { peakLTV[i] = current }
            if current >= loan.liquidationLTV {
                // The LTV passed the margin-call threshold on its way: that trigger fires too.
                fire(sim.triggerSlots.marginCall[i])
                liquidate(i, reason: .ltvReached(ltv: current, liquidationLTV: loan.liquidationLTV))
                continue
            }
            if current >= loan.marginCallLTV {
                if loanCallDeadline[i] == nil {
                    loanCallDeadline[i] = day + loan.cureDays
                    fire(sim.triggerSlots.marginCall[i])
                    let principal = loanPrincipal[i], id = t.loans[i].id
                    event(.marginCall, id, usd: principal,
                          .marginCall(ltv: current, threshold: loan.marginCallLTV, cureDays: loan.cureDays))
                }
                cure(i)
                let cured = ltv(i)
                if cured < loan.marginCallLTV {
                    loanCallDeadline[i] = nil
                    event(.marginCallCured, t.loans[i].id, .marginCallCured(ltv: cured, byPriceRecovery: false))
                } else if let deadline = loanCallDeadline[i], day >= deadline {
                    liquidate(i, reason: .marginCallUncured(cureDays: loan.cureDays))
                }
            } else if loanCallDeadline[i] != nil {
                loanCallDeadline[i] = nil
                event(.marginCallCured, t.loans[i].id, .marginCallCured(ltv: current, byPriceRecovery: true))
            }
        }
    }

    /// Brings a called loan back to its target LTV by pledging free collateral and/or repaying.
    mutating func cure(_ i: Int) {
        switch policy.marginCall {
        case .topUp:
            pledge(i)
            repayToTarget(i)
        case .repay:
            repayToTarget(i)
            pledge(i)
        case .none:
            break
        }
    }

    /// Pledges free BTC (or free fund shares of the pledged fund) up to the target LTV.
    mutating func pledge(_ i: Int) {
        let loan = t.loans[i]
        let unitValue = loanFundIndex[i].map { fundSharePrice($0) } ?? price
        guard unitValue > 0 else { return }
        let needed = loanPrincipal[i] / loan.targetLTV / unitValue - loanCollateral[i]
        guard needed > 0 else { return }
        if let f = loanFundIndex[i] {
            let moved = min(needed, fundFree[f])
            guard moved > 0 else { return }
            fundFree[f] -= moved
            loanCollateral[i] += moved
            refreshFundBTC()
            let ticker = t.holdings.fundStakes[f].ticker
            event(.collateralPledged, loan.id, btc: moved * btcPerFundShare(f),
                  .fundSharesPledged(shares: moved, ticker: ticker))
        } else {
            let moved = min(needed, btcFree)
            guard moved > 0 else { return }
            btcFree -= moved
            loanCollateral[i] += moved
            event(.collateralPledged, loan.id, btc: moved, .bitcoinPledged)
        }
    }

    /// Repays principal through the waterfall down to the target LTV.
    mutating func repayToTarget(_ i: Int) {
        let loan = t.loans[i]
        let excess = loanPrincipal[i] - loan.targetLTV * collateralValue(i)
        guard excess > 0.01 else { return }
        let funding = fund(excess, use: .principal, usePrefunded: false)
        guard funding.total > 0 else { return }
        setLoanPrincipal(i, loanPrincipal[i] - funding.total)
        event(.loanRepaid, loan.id, usd: funding.total, shares: funding.atmShares, .paidDownToCure(funding))
    }

    /// Maturity or acceleration: principal and accrued interest through the waterfall. The
    /// collateral is released against the repayment, so it is sold like any free BTC (a forced
    /// sale) if cash, reserve and equity fall short; what is still short is a missed payment.
    mutating func repayLoan(_ i: Int, kind: SimulationEvent.Kind) {
        let loan = t.loans[i]
        guard loanPrincipal[i] > 0 else { return }
        let owed = loanPrincipal[i] + loanAccrued[i]
        closeLoan(i)
        let funding = fund(owed, use: .principal)
        event(kind, loan.id, usd: funding.total, shares: funding.atmShares, .loanRepaid(funding))
        let short = owed - funding.total
        if short > 0.01 { missed(loan.id, short, kind == .maturity ? .loanMaturity : .acceleratedLoan) }
    }

    /// The lender sells collateral to recover principal and accrued interest; the rest returns.
    mutating func liquidate(_ i: Int, reason: LiquidationReason) {
        let loan = t.loans[i]
        fire(sim.triggerSlots.liquidation[i])
        let owed = loanPrincipal[i] + loanAccrued[i]
        // Fund shares sell at the fund's price less its own sale cost; BTC as the treasury's own
        // would, with the day's price impact when it has one (DESIGN §6.1).
        let sold: Double, proceeds: Double
        if let f = loanFundIndex[i] {
            let unitValue = fundSharePrice(f) * (1 - t.holdings.fundStakes[f].saleCost)
            sold = unitValue > 0 ? min(loanCollateral[i], owed / unitValue) : 0
            proceeds = sold * unitValue
        } else {
            (sold, proceeds, _) = marketFill(raising: owed, from: loanCollateral[i], withinParticipationCap: false)
        }
        loanCollateral[i] -= sold
        if let f = loanFundIndex[i] {
            refreshFundBTC()
            out.fundSharesSold += sold
            out.fundBTCSold += sold * btcPerFundShare(f)
        } else {
            directBTCTotal -= sold
            out.btcSoldByLenders += sold
        }
        out.ledger.saleProceeds += proceeds
        out.ledger.payments += proceeds
        let btcEquivalent = loanFundIndex[i].map { sold * btcPerFundShare($0) } ?? sold
        openTodaysSales()
        today.lenderLiquidations.usd += proceeds
        today.lenderLiquidations.btc += btcEquivalent
        if sold > 0 { noteForcedSale() }
        event(.liquidation, loan.id, usd: proceeds, btc: btcEquivalent, .liquidation(reason))
        let short = owed - proceeds
        closeLoan(i)
        if short > 0.01 {
            // The deficiency is an unsecured claim due now.
            let funding = fund(short, use: .principal)
            if short - funding.total > 0.01 { missed(loan.id, short - funding.total, .deficiencyAfterLiquidation) }
        }
    }

    mutating func closeLoan(_ i: Int) {
        setLoanPrincipal(i, 0)
        loanAccrued[i] = 0
        loanCallDeadline[i] = nil
        if let f = loanFundIndex[i] { fundFree[f] += loanCollateral[i] } else { btcFree += loanCollateral[i] }
        loanCollateral[i] = 0
        refreshFundBTC()
    }

}
