import TreasuryModel
public import StressResults
import Foundation

extension SimulatedTreasury {
    /// Annual fixed charges in USD: coupons, loan interest, preferred dividends, operating burn.
    /// Inline: called out of line from a mutating method, it copied the whole path state first.
    var annualFixedCharges: Double {
        @inline(__always) get {
            var total = max(0, -t.operatingCashFlowUSDPerYear)
            for i in notePrincipal.indices { total += notePrincipal[i] * (sim.noteTerms[i].coupon + noteSpread[i]) }
            for i in loanPrincipal.indices {
                let loan = sim.loanTerms[i]
                total += loanPrincipal[i] * (loan.rate + loanSpread[i] + (loan.floating ? conditions.rateShift : 0))
            }
            for i in prefNotional.indices { total += prefNotional[i] * sim.preferredTerms[i].rate }
            return total
        }
    }

    /// `annualFixedCharges`, recomputed only after a notional changes (the liquidity covenant and the
    /// reserve floor read it every day).
    mutating func cachedAnnualFixedCharges() -> Double {
        if !fixedChargesValid {
            fixedChargesCache = annualFixedCharges
            fixedChargesValid = true
        }
        return fixedChargesCache
    }

    /// Today's value of a covenant metric (DESIGN §3.6).
    @inline(__always)
    mutating func metric(_ covenant: CovenantTerms) -> Double {
        switch covenant.metric {
        case .ltv:
            guard case .loan(let i) = covenant.subject else { return 0 }
            return ltv(i)
        case .leverage:
            let nav = self.nav
            return nav > 0 ? (debt + preferred) / nav : .infinity
        case .liquidityUSD:
            return liquidity
        case .liquidityMonths:
            let monthly = cachedAnnualFixedCharges() / 12
            return monthly > 0 ? liquidity / monthly : .infinity
        case .assetCoverage:
            let debt = self.debt
            return debt > 0 ? nav / debt : .infinity
        case .dividendCoverageYears:
            var dividends = 0.0
            for i in prefNotional.indices { dividends += prefNotional[i] * sim.preferredTerms[i].rate }
            return dividends > 0 ? nav / dividends : .infinity
        case .mnav:
            return mnav
        case .coverage:
            guard case .instrument(let i) = covenant.subject else { return .infinity }
            return coverage(of: i)
        }
    }

    /// Before the first step: stops testing the covenants that only report (their breaches and
    /// cures change nothing but the triggers and events they record) and keeping the liquidity
    /// low, so the outcome holds only what moved the balance sheet (sales, payments, margin calls,
    /// accelerations).
    mutating func trackOnlyTheBalanceSheet() {
        tracksReporting = false
        checksCovenants = sim.covenantReportsOnly.contains(false)
    }

    mutating func checkCovenants() {
        for c in sim.covenantTerms.indices {
            // A reporting covenant already in breach can only cure or breach again, which only
            // the event log would show.
            if !recordEvents && covenantInBreach[c] && sim.covenantReportsOnly[c] { continue }
            if !tracksReporting && sim.covenantReportsOnly[c] { continue }
            let terms = sim.covenantTerms[c]
            let value = metric(terms)
            let breached = terms.isBreached(by: value)
            // Most days change nothing: the event wording and acceleration stay out of the loop.
            if breached != covenantInBreach[c] { covenantChanged(c, value: value, breached: breached) }
        }
    }

    /// A covenant entered or left breach today: the trigger, the event and any acceleration.
    @inline(never)
    mutating func covenantChanged(_ c: Int, value: Double, breached: Bool) {
        let covenant = t.covenants[c]
        covenantInBreach[c] = breached
        guard breached else {
            event(.covenantCured, covenant.id, .covenantCured(metric: covenant.metric, value: value))
            return
        }
        fire(sim.triggerSlots.covenant[c])
        let limit: CovenantLimit = covenant.minimum.map { .minimum($0) } ?? covenant.maximum.map { .maximum($0) } ?? .none
        event(.covenantBreach, covenant.id, .covenantBreach(metric: covenant.metric, value: value, limit: limit))
        if covenant.consequence == .accelerate {
            for id in covenant.accelerates { accelerate(id, cause: .covenant(covenant.id)) }
            crossDefault(from: covenant.id)
        }
    }

    /// Makes an instrument due today through the waterfall (once).
    mutating func accelerate(_ id: String, cause: AccelerationCause) {
        guard let k = t.instrumentIndex(id: id), !accelerated[k.position] else { return }
        accelerated[k.position] = true
        switch sim.order.slot(k) {
        case .convertibleNote(let n):
            let par = notePrincipal[n]
            guard par > 0 else { return }
            setNotePrincipal(n, 0)
            let funding = fund(par, use: .principal)
            event(.acceleration, id, usd: funding.total, shares: funding.atmShares, .accelerated(cause: cause, funding: funding))
            if par - funding.total > 0.01 { missed(id, par - funding.total, .acceleratedPrincipal) }
        case .btcLoan(let l):
            guard loanPrincipal[l] > 0 else { return }
            event(.acceleration, id, usd: loanPrincipal[l], .accelerated(cause: cause, funding: nil))
            repayLoan(l, kind: .loanRepaid)
        case .preferred(let p):
            let owed = prefNotional[p] + prefArrears[p]
            guard owed > 0 else { return }
            setPrefNotional(p, 0)
            setPrefArrears(p, 0)
            let funding = fund(owed, use: .principal)
            event(.acceleration, id, usd: funding.total, shares: funding.atmShares, .redemptionAccelerated(cause: cause, funding: funding))
            if owed - funding.total > 0.01 { missed(id, owed - funding.total, .acceleratedRedemption) }
        }
    }

    /// A default or acceleration accelerates every instrument that carries cross-default.
    mutating func crossDefault(from ref: String) {
        for (i, note) in t.convertibleNotes.enumerated() where note.crossDefault && note.id != ref {
            if !accelerated[sim.order.index(.convertibleNote(i)).position] && notePrincipal[i] > 0 {
                event(.crossDefault, note.id, .crossDefault(from: ref))
                accelerate(note.id, cause: .crossDefault(from: ref))
            }
        }
        for (i, loan) in t.loans.enumerated() where loan.crossDefault && loan.id != ref {
            if !accelerated[sim.order.index(.btcLoan(i)).position] && loanPrincipal[i] > 0 {
                event(.crossDefault, loan.id, .crossDefault(from: ref))
                accelerate(loan.id, cause: .crossDefault(from: ref))
            }
        }
    }


    // MARK: - Record

    /// The day's record: the liquidity low and, where series are recorded, the path's shape.
    @inline(__always)
    mutating func record() {
        let liquidity = self.liquidity
        if liquidity < out.minLiquidityUSD {
            out.minLiquidityUSD = liquidity
            out.minLiquidityDay = day
        }
        // The path's shape (peak leverage, the worst point and its coverage) is for the scenario
        // report, which records series; Monte Carlo paths report none of it (a division a day).
        if recordSeries { recordShape(liquidity: liquidity) }
    }

    /// The path's shape and the day's state, for a run that records series.
    @inline(never)
    mutating func recordShape(liquidity: Double) {
        let nav = self.nav
        let leverage = nav > 0 ? (debt + preferred) / nav : 0
        out.peakLeverage = max(out.peakLeverage, leverage)
        if nav < worstNAV {
            worstNAV = nav
            out.worstDay = day
            out.coverageWorst = coverageBySeniority()
        }
        let (mnav, sharePrice) = (self.mnav, self.sharePrice)
        var state = DailyState(day: day, btcPrice: price, btcHeld: btcHeld, maxLTV: maxLTV,
                               liquidityUSD: liquidity, leverage: leverage, mnav: mnav,
                               sharePrice: sharePrice, shares: shares)
        state.exogenousBTCPrice = exogenousPrice
        out.series.append(state)
    }

    /// Closes the path after the last step: end balances, peak LTVs, deferred dividends, the first
    /// day of each trigger fired. Returns the outcome.
    public mutating func finish() -> ScenarioOutcome {
        close()
        out.triggerDays = [:]
        for slot in triggerDay.indices where triggerDay[slot] >= 0 {
            out.triggerDays[sim.triggerSlots.all[slot]] = triggerDay[slot]
        }
        return out
    }

    /// `finish()` leaving the outcome's `triggerDays` empty: a Monte Carlo path reads its triggers
    /// from `triggerDay` and hashes none.
    mutating func finishWithoutTriggerDays() -> ScenarioOutcome {
        close()
        return out
    }

    private mutating func close() {
        out.minBTCPrice = lowestPrice.isFinite ? lowestPrice : 0
        out.endBTCPrice = price
        out.btcHeldEnd = btcHeld
        out.peakLTV = PerLoan(peakLTV)
        out.directBTCEnd = directBTC
        out.sharesEnd = shares
        out.liquidityEnd = liquidity
        out.deferredDividendsUSD = prefArrears.reduce(0, +)
    }
}
