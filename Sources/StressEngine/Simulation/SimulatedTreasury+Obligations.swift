import TreasuryModel
import StressResults

extension SimulatedTreasury {
    /// Pays what the schedule says falls due today (DESIGN §3.3), with any rolled instrument's
    /// dates (refinancing) in their place by the same order as the original ones.
    mutating func payScheduled() {
        var k = sim.schedule.firstItem[day]
        let end = sim.schedule.firstItem[day + 1]
        while k < end || rolledDueToday {
            // The original item goes first on a tie, as the schedule sorts by (order, index).
            if k < end && !(rolledDueToday && rolledItems[rolledCursor].precedes(sim.schedule.items[k])) {
                pay(sim.schedule.items[k], rolled: false)
                k += 1
            } else {
                let item = rolledItems[rolledCursor]
                rolledCursor += 1
                pay(item, rolled: true)
            }
        }
    }

    /// Pays one scheduled item; a note's original dates no longer apply once it has rolled (its
    /// new note's dates are in `rolledItems`).
    mutating func pay(_ item: PaymentSchedule.Item, rolled: Bool) {
        switch item.kind {
        case .coupon, .notePut, .noteMaturity:
            if noteRolled[item.index] != rolled { return }
        default: break
        }
        switch item.kind {
        case .operating: payOperating()
        case .coupon: payCoupon(item.index)
        case .loanInterest: payLoanInterest(item.index)
        case .dividend: payDividend(item.index)
        case .notePut: settleNote(item.index, atMaturity: false)
        case .noteMaturity: settleNote(item.index, atMaturity: true)
        case .loanMaturity:
            if sim.rollableLoans[item.index] && rollLoan(item.index) { return }
            repayLoan(item.index, kind: .maturity)
        }
    }

    mutating func payOperating() {
        let monthly = t.operatingCashFlowUSDPerYear / 12
        if monthly >= 0 {
            cash += monthly
            out.ledger.operatingInflows += monthly
            event(.operatingCashFlow, "operations", usd: monthly, .operatingCashReceived)
            return
        }
        let funding = fund(-monthly, use: .operating, usePrefunded: false)
        event(.operatingCashFlow, "operations", usd: funding.total, .funded(funding))
        let short = -monthly - funding.total
        if short > 0.01 { missed("operations", short, .operatingCosts) }
    }

    mutating func payCoupon(_ i: Int) {
        let amount = couponAmount(i)
        guard amount > 0 else { return }
        let funding = fund(amount, use: .interest)
        event(.couponPaid, t.convertibleNotes[i].id, usd: funding.total, shares: funding.atmShares, .funded(funding))
        let short = amount - funding.total
        if short > 0.01 { missed(t.convertibleNotes[i].id, short, .coupon) }
    }

    mutating func payLoanInterest(_ i: Int) {
        guard loanPrincipal[i] > 0, loanAccrued[i] > 0 else { return }
        let amount = loanAccrued[i]
        let funding = fund(amount, use: .interest)
        loanAccrued[i] = 0
        // The loan's name is read where it is used: a copy of the loan retained its strings each month.
        event(.interestPaid, t.loans[i].id, usd: funding.total, shares: funding.atmShares, .funded(funding))
        let short = amount - funding.total
        if short > 0.01 { missed(t.loans[i].id, short, .loanInterest) }
    }

    mutating func payDividend(_ i: Int) {
        guard prefNotional[i] > 0 else { return }
        // By index, not a copy of the series: its strings would be retained on every payment.
        let terms = sim.preferredTerms[i]
        let amount = terms.dividend(on: prefNotional[i]) + prefArrears[i]
        var withoutSales = terms.stockable || policy.dividends == .deferBeforeSelling
        // Below the policy's mNAV, BTC is sold for dividends rather than deferring them or issuing
        // stock below NAV (DESIGN §7).
        if let threshold = policy.sellBitcoinBelowMNAV, mnav < threshold { withoutSales = false }
        let funding = fund(amount, use: .dividends, withoutSales: withoutSales)
        var paid = funding.total
        if funding.total > 0.005 {
            event(.dividendPaid, t.preferreds[i].id, usd: funding.total, shares: funding.atmShares, .funded(funding))
        }
        if terms.stockable && amount - paid > 0.01 && sharePrice > 0 {
            let price = sharePrice
            let delivered = deliverShares(worth: amount - paid, at: price, ref: t.preferreds[i].id)
            paid += delivered.usd
            if delivered.shares > 0 {
                event(.dividendPaidInStock, t.preferreds[i].id, usd: delivered.usd, shares: delivered.shares,
                      .sharesDelivered(pricePerShare: price))
            }
        }
        let short = max(0, amount - paid)
        if short <= 0.01 {
            setPrefArrears(i, 0)
        } else if terms.cumulative {
            setPrefArrears(i, short)
            event(.dividendDeferred, t.preferreds[i].id, usd: short)
        } else {
            setPrefArrears(i, 0)
            event(.dividendSkipped, t.preferreds[i].id, usd: short)
        }
    }

    /// A note's coupon for one period on its principal outstanding, with the spread of its rolls, USD.
    /// (Inlined: called from a mutating step, it took a copy of the whole state each coupon.)
    @inline(__always)
    func couponAmount(_ i: Int) -> Double {
        let terms = sim.noteTerms[i]
        guard noteSpread[i] > 0 else { return terms.couponAmount(on: notePrincipal[i]) }
        return notePrincipal[i] * (terms.coupon + noteSpread[i]) / Double(rolledCouponsPerYear(i))
    }

    /// Conversion value of a note's remaining principal at today's share price, USD.
    mutating func conversionValue(_ i: Int) -> Double {
        sharePrice * notePrincipal[i] / sim.noteTerms[i].conversionPrice
    }

    /// What a note is expected to need in cash if settled at today's share price, USD.
    mutating func expectedCashForNote(_ i: Int) -> Double {
        let par = notePrincipal[i]
        guard par > 0 else { return 0 }
        let value = conversionValue(i)
        if value > par {
            switch sim.noteTerms[i].election {
            case .stock: return 0
            case .cash: return value
            case .mixed: return par
            }
        }
        return sim.noteTerms[i].repayment == .stock ? 0 : par
    }

    /// A put date or maturity: holders convert when in the money, else put or are repaid at par.
    mutating func settleNote(_ i: Int, atMaturity: Bool) {
        let note = t.convertibleNotes[i]
        let par = notePrincipal[i]
        guard par > 0 else { return }
        let value = conversionValue(i)
        if value > par {
            setNotePrincipal(i, 0)
            switch note.election {
            case .stock:
                let wanted = par / note.conversionPrice
                let price = sharePrice
                let delivered = deliverShares(worth: wanted * price, at: price, ref: note.id)
                event(.conversion, note.id, usd: delivered.usd, shares: delivered.shares,
                      .convertedInStock)
                payCash(value - delivered.usd, ref: note.id, what: .conversionSharesBeyondAuthorised)
            case .cash:
                let funding = fund(value, use: .principal)
                event(.conversion, note.id, usd: funding.total, shares: funding.atmShares,
                      .conversionPaidInCash(funding))
                if value - funding.total > 0.01 { missed(note.id, value - funding.total, .cashConversion) }
            case .mixed:
                let funding = fund(par, use: .principal)
                let price = sharePrice
                let delivered = deliverShares(worth: value - par, at: price, ref: note.id)
                event(.conversion, note.id, usd: funding.total + delivered.usd, shares: delivered.shares,
                      .conversionMixed(par: funding))
                if par - funding.total > 0.01 { missed(note.id, par - funding.total, .conversionPar) }
                payCash(value - par - delivered.usd, ref: note.id, what: .conversionSharesBeyondAuthorised)
            }
            return
        }
        if sim.rollableNotes[i] && rollNote(i) { return }
        setNotePrincipal(i, 0)
        let kind: SimulationEvent.Kind = atMaturity ? .maturity : .put
        repayPar(par, note: note, kind: kind)
    }

    mutating func repayPar(_ par: Double, note: ConvertibleNote, kind: SimulationEvent.Kind) {
        var paid = 0.0
        switch note.repayment {
        case .cash:
            let funding = fund(par, use: .principal)
            paid = funding.total
            event(kind, note.id, usd: funding.total, shares: funding.atmShares, .parRepaid(funding))
        case .stock, .cashOrStock:
            if note.repayment == .cashOrStock {
                let funding = fund(par, use: .principal, withoutSales: true)
                paid = funding.total
                event(kind, note.id, usd: funding.total, shares: funding.atmShares, .parRepaid(funding))
            }
            let stockPrice = sharePrice * (1 - note.stockRepaymentDiscount)
            let delivered = deliverShares(worth: par - paid, at: stockPrice, ref: note.id)
            paid += delivered.usd
            if delivered.shares > 0 {
                event(.repaidInStock, note.id, usd: delivered.usd, shares: delivered.shares,
                      .sharesDelivered(pricePerShare: stockPrice))
            }
            if par - paid > 0.01 {
                let funding = fund(par - paid, use: .principal)
                paid += funding.total
            }
        }
        if par - paid > 0.01 { missed(note.id, par - paid, kind == .put ? .holderPut : .maturity) }
    }

    /// Pays a cash remainder through the whole waterfall; a shortfall is a missed payment.
    mutating func payCash(_ amount: Double, ref: String, what: MissedObligation) {
        guard amount > 0.01 else { return }
        let funding = fund(amount, use: .principal)
        if amount - funding.total > 0.01 { missed(ref, amount - funding.total, what) }
    }

    // MARK: - Prefunding

    /// Raises from the ATM ahead of known payments: the cash held for them ramps up linearly
    /// over the `prefundDays` before each falls due (DESIGN §3.4).
    mutating func prefund() {
        prefundInline()
    }

    /// `prefund` inline, for a lean prefunding day (`stepPrefunding`). Inline for most days of a
    /// Monte Carlo path (nothing due in the window whose amounts the path has changed, nothing
    /// rolled): today's target is the one summed once for all (`TreasurySimulator.prefundBaseTarget`,
    /// NaN where the window holds nothing or a put or maturity, or runs past the horizon); the
    /// rest out of line.
    @inline(__always)
    mutating func prefundInline() {
        let base = baseTargetHolds(onDay: day)
        if let base, rolledCursor == rolledItems.count {
            prefund(toTarget: base)
            return
        }
        prefundInFull(baseTarget: base)
    }

    /// `day`'s prefunding target at the as-of amounts, when no instrument due in its window has
    /// changed on the path and the target does not depend on the path (nil otherwise).
    @inline(__always)
    func baseTargetHolds(onDay day: Int) -> Double? {
        guard day < sim.prefundBaseTarget.count, sim.prefundWindowInstruments[day] & changedInstruments == 0 else { return nil }
        let target = sim.prefundBaseTarget[day]
        return target.isNaN ? nil : target
    }

    /// `prefund` with today's target summed for the day: from `baseTarget` (`baseTargetHolds`) and
    /// the rolled dates in the window where the as-of target holds, from every item otherwise.
    mutating func prefundInFull(baseTarget: Double?) {
        let window = policy.prefundDays
        guard window > 0, day > 0 else { return }
        let lastDay = min(sim.horizonDays, day + window)
        guard lastDay > day else { return }
        let first = sim.schedule.firstItem[day + 1], end = sim.schedule.firstItem[lastDay + 1]
        let rolledInWindow = rolledCursor < rolledItems.count && rolledItems[rolledCursor].day <= lastDay
        if first == end && !rolledInWindow {
            if prefunded > 0 {
                cash += prefunded
                prefunded = 0
            }
            return
        }
        // Most paths keep the as-of notionals for most days: their target was summed once for all.
        var target = baseTarget ?? scheduledPrefundTarget(first..<end, window: window)
        // A rolled instrument's dates (all after today: today's are paid) are prefunded as the
        // original ones are.
        var r = rolledCursor
        while r < rolledItems.count && rolledItems[r].day <= lastDay {
            let item = rolledItems[r]
            target += Self.prefundShare(dueIn: item.day - day, window: window) * expectedAmount(item, rolled: true)
            r += 1
        }
        prefund(toTarget: target)
    }

    /// Raises from the ATM what prefunding lacks below `target` (USD held today for the window's
    /// payments), or returns what was raised to free cash once nothing is left to prefund.
    @inline(__always)
    mutating func prefund(toTarget target: Double) {
        if target > prefunded {
            let raised = issueATMInline(target - prefunded)
            prefunded += raised.usd
        } else if target == 0 && prefunded > 0 {
            // Nothing left to prefund in the window: what was raised returns to free cash.
            cash += prefunded
            prefunded = 0
        }
    }

    /// What prefunding holds today for the original schedule's items `items` (those due within the
    /// window), each at its share of the ramp, USD.
    @inline(__always)
    mutating func scheduledPrefundTarget(_ items: Range<Int>, window: Int) -> Double {
        var target = 0.0
        for k in items {
            let item = sim.schedule.items[k]
            target += Self.prefundShare(dueIn: item.day - day, window: window) * expectedAmount(item, rolled: false)
        }
        return target
    }

    /// For each day 0…horizon, `scheduledPrefundTarget` at the as-of balance sheet's amounts: the
    /// same sum in the same order, so the same USD to the bit. NaN where it depends on the path:
    /// a put or maturity in the window (what it needs in cash follows the share price), or no
    /// window at all (nothing due, handled before the sum). Empty without prefunding. With each
    /// day, the instruments due in its window (`TreasurySimulator.instrumentBit`): the target
    /// holds on a path until it changes one of them.
    func prefundBaseTargets() -> (targets: [Double], instruments: [UInt64]) {
        let window = policy.prefundDays
        guard window > 0 else { return ([], []) }
        var targets = Array(repeating: Double.nan, count: sim.horizonDays + 1)
        var instruments = Array(repeating: UInt64.max, count: sim.horizonDays + 1)
        var base = self
        for day in 1..<targets.count {
            let lastDay = min(sim.horizonDays, day + window)
            guard lastDay > day else { continue }
            let items = sim.schedule.firstItem[day + 1]..<sim.schedule.firstItem[lastDay + 1]
            guard !items.isEmpty, !items.contains(where: { k in
                let kind = sim.schedule.items[k].kind
                return kind == .notePut || kind == .noteMaturity
            }) else { continue }
            base.day = day
            targets[day] = base.scheduledPrefundTarget(items, window: window)
            instruments[day] = items.reduce(0) { bits, k in
                sim.schedule.items[k].instrument.map { bits | TreasurySimulator.instrumentBit(sim.order.index($0)) } ?? bits
            }
        }
        return (targets, instruments)
    }

    /// The share of a payment held `days` days before it falls due (1…`window`): the linear ramp.
    @inline(__always)
    static func prefundShare(dueIn days: Int, window: Int) -> Double {
        Double(window - days + 1) / Double(window)
    }

    /// What a scheduled item (an original date, or a rolled instrument's when `rolled`) is expected
    /// to cost when it falls due, USD; nothing for a note's original dates once it has rolled.
    @inline(__always)
    mutating func expectedAmount(_ item: PaymentSchedule.Item, rolled: Bool) -> Double {
        switch item.kind {
        case .operating: return max(0, -t.operatingCashFlowUSDPerYear / 12)
        case .coupon:
            return noteRolled[item.index] != rolled ? 0 : couponAmount(item.index)
        case .loanInterest:
            return loanPrincipal[item.index] * (sim.loanTerms[item.index].rate + loanSpread[item.index]) / 12
        case .dividend:
            return sim.preferredTerms[item.index].dividend(on: prefNotional[item.index]) + prefArrears[item.index]
        case .notePut, .noteMaturity: return noteRolled[item.index] != rolled ? 0 : expectedCashForNote(item.index)
        case .loanMaturity: return loanPrincipal[item.index]
        }
    }
}
