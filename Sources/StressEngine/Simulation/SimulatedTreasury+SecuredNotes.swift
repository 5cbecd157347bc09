import TreasuryModel
import StressResults

extension SimulatedTreasury {
    /// Coverage of a secured note: collateral · price · advanceRate / principal (infinite when repaid).
    func noteCoverage(_ i: Int) -> Double {
        guard let security = sim.noteSecurity[i], notePrincipal[i] > 0 else { return .infinity }
        return noteCoverage(i, advanceRate: security.advanceRate)
    }

    /// `noteCoverage` of a secured note with principal outstanding, its terms already at hand.
    @inline(__always)
    func noteCoverage(_ i: Int, advanceRate: Double) -> Double {
        noteCollateral[i] * price * advanceRate / notePrincipal[i]
    }

    /// Secured convertibles (DESIGN §7): below the redemption coverage, collateral is sold to
    /// redeem notes back to it; below 1 the test fails, the issuer posts free BTC to restore it
    /// (a collateral call, reported on the ladder as the note's margin call), and if it is still
    /// short after the cure days the holders foreclose: the collateral is sold to repay the notes.
    mutating func manageSecuredNotes() {
        // By index, terms as plain numbers, and the note's name only for an event: an iterator
        // and a note value (its strings) are retained and released on every use, and Monte Carlo
        // steps millions of days.
        for k in sim.securedNotes.indices {
            let i = sim.securedNotes[k]
            guard notePrincipal[i] > 0, let security = sim.noteSecurity[i] else { continue }
            var coverage = noteCoverage(i, advanceRate: security.advanceRate)
            // A coverage a rounding short of the level it was just restored to is not a new breach.
            if let level = security.redemptionCoverage, coverage < level * (1 - 1e-9) {
                redeemFromCollateral(i, to: level, security: security)
                guard notePrincipal[i] > 0 else { continue }
                coverage = noteCoverage(i, advanceRate: security.advanceRate)
            }
            if coverage < 1 {
                if noteCallDeadline[i] == nil {
                    noteCallDeadline[i] = day + security.cureDays
                    fire(sim.triggerSlots.noteCall[i])
                    let principal = notePrincipal[i]
                    event(.marginCall, t.convertibleNotes[i].id, usd: principal, .marginCall(ltv: 1 / coverage, threshold: 1, cureDays: security.cureDays))
                }
                // Post free BTC up to coverage 1.
                let needed = notePrincipal[i] / (price * security.advanceRate) - noteCollateral[i]
                let moved = min(max(0, needed), btcFree)
                if moved > 0 {
                    btcFree -= moved
                    noteCollateral[i] += moved
                    event(.collateralPledged, t.convertibleNotes[i].id, btc: moved, .bitcoinPledged)
                }
                let restored = noteCoverage(i)
                if restored >= 1 - 1e-12 {
                    noteCallDeadline[i] = nil
                    event(.marginCallCured, t.convertibleNotes[i].id, .marginCallCured(ltv: 1 / restored, byPriceRecovery: false))
                } else if let deadline = noteCallDeadline[i], day >= deadline {
                    foreclose(i, cureDays: security.cureDays)
                }
            } else if noteCallDeadline[i] != nil {
                noteCallDeadline[i] = nil
                event(.marginCallCured, t.convertibleNotes[i].id, .marginCallCured(ltv: 1 / coverage, byPriceRecovery: true))
            }
        }
    }

    /// Sells collateral at the day's price less slippage (on the impact curve when the treasury
    /// has price impact, DESIGN §6.1); returns (BTC sold, USD raised). Counted as the treasury's
    /// forced sale.
    mutating func sellNoteCollateral(_ i: Int, raising usd: Double) -> (btc: Double, usd: Double) {
        guard price > 0, usd > 0 else { return (0, 0) }
        let (sold, proceeds, _) = marketFill(raising: usd, from: noteCollateral[i], withinParticipationCap: false)
        guard sold > 0 else { return (0, 0) }
        noteCollateral[i] -= sold
        recordTreasurySale(btc: sold, usd: proceeds)
        // The proceeds go straight to the holders.
        out.ledger.payments += proceeds
        return (sold, proceeds)
    }

    /// A mandatory partial redemption: sells s BTC of collateral and redeems notes with the
    /// proceeds V = s·P·(1 − σ) so that coverage returns to `level`:
    /// (C − s·P)·a = level·(N − V), so V = (level·N − a·C)·(1 − σ) / (level·(1 − σ) − a), with C the
    /// collateral's value, a the advance rate, N the principal, σ the sale slippage (all of it
    /// when level·(1 − σ) ≤ a). With price impact the fill is lower than σ alone gives, so coverage
    /// ends a little short of `level` and the next day's test sells again if it must.
    mutating func redeemFromCollateral(_ i: Int, to level: Double, security: NoteSecurity) {
        let n = notePrincipal[i], a = security.advanceRate, value = noteCollateral[i] * price
        let keep = 1 - policy.btcSaleSlippage
        let before = noteCoverage(i)
        let target = level * keep > a ? (level * n - a * value) * keep / (level * keep - a) : n
        let (sold, proceeds) = sellNoteCollateral(i, raising: min(n, max(0, target)))
        guard sold > 0 else { return }
        fire(sim.triggerSlots.noteLiquidation[i])
        event(.liquidation, t.convertibleNotes[i].id, usd: proceeds, btc: sold,
              .liquidation(.ltvReached(ltv: 1 / before, liquidationLTV: 1 / level)))
        setNotePrincipal(i, max(0, n - proceeds))
    }

    /// The holders foreclose: collateral is sold to repay the notes in full; what it does not
    /// cover is an unsecured claim due now; what is left of the collateral returns.
    mutating func foreclose(_ i: Int, cureDays: Int) {
        let owed = notePrincipal[i]
        let (sold, proceeds) = sellNoteCollateral(i, raising: owed)
        fire(sim.triggerSlots.noteLiquidation[i])
        let id = t.convertibleNotes[i].id
        event(.liquidation, id, usd: proceeds, btc: sold, .liquidation(.marginCallUncured(cureDays: cureDays)))
        setNotePrincipal(i, 0)
        let short = owed - proceeds
        if short > 0.01 {
            let funding = fund(short, use: .principal)
            if short - funding.total > 0.01 { missed(id, short - funding.total, .deficiencyAfterLiquidation) }
        }
    }
}
