import TreasuryModel
import StressResults

extension SimulatedTreasury {
    /// Whether the market rolls debt today (DESIGN §7): the policy refinances, capital markets are
    /// open, mNAV is at or above the policy's floor, and the instrument is not in default.
    mutating func canRefinance(_ slot: InstrumentSlot) -> Bool {
        guard let refinance = policy.refinance, marketsOpen, !accelerated[sim.order.index(slot).position] else { return false }
        if let floor = refinance.minMNAV, mnav < floor { return false }
        return true
    }

    /// Coupons a year of a rolled note: its own, or two when the old note paid none.
    func rolledCouponsPerYear(_ i: Int) -> Int {
        sim.noteTerms[i].couponsPerYear > 0 ? sim.noteTerms[i].couponsPerYear : 2
    }

    /// Rolls note `i`'s principal at a put or maturity holders do not convert into a new note of
    /// the same kind: the rate rises by the spread, coupons fall on the same cadence from today,
    /// and the new note matures `termYears` from today (no put). Returns false when it cannot roll.
    mutating func rollNote(_ i: Int) -> Bool {
        guard let refinance = policy.refinance, canRefinance(.convertibleNote(i)) else { return false }
        let note = t.convertibleNotes[i]
        noteSpread[i] += refinance.spread
        noteRolled[i] = true
        notionalsChanged(.convertibleNote(i))
        let rank = 100 + note.seniority * 10
        scheduleRolledTerm(i, years: refinance.termYears, everyMonths: max(1, 12 / rolledCouponsPerYear(i)), periodic: .coupon,
                           atMaturity: [(.coupon, rank), (.noteMaturity, rank + 1)], rank: rank)
        let rate = note.coupon + noteSpread[i]
        event(.refinanced, note.id, usd: notePrincipal[i], .refinanced(rate: rate, termYears: refinance.termYears))
        return true
    }

    /// Rolls loan `i` at maturity into a new loan on the same collateral and LTV terms: accrued
    /// interest is paid now (through the waterfall; the loan is repaid instead when it cannot be),
    /// the rate rises by the spread, and the new loan pays monthly and matures `termYears` from today.
    mutating func rollLoan(_ i: Int) -> Bool {
        guard let refinance = policy.refinance, loanPrincipal[i] > 0, canRefinance(.btcLoan(i)) else { return false }
        let loan = t.loans[i]
        if loanAccrued[i] > 0 {
            let funding = fund(loanAccrued[i], use: .interest)
            event(.interestPaid, loan.id, usd: funding.total, shares: funding.atmShares, .funded(funding))
            loanAccrued[i] -= funding.total
            // Lenders do not roll a loan whose interest is unpaid: what is owed falls due now.
            if loanAccrued[i] > 0.01 { return false }
            loanAccrued[i] = 0
        }
        loanSpread[i] += refinance.spread
        notionalsChanged(.btcLoan(i))
        let rank = 100 + loan.seniority * 10
        scheduleRolledTerm(i, years: refinance.termYears, everyMonths: 1, periodic: .loanInterest,
                           atMaturity: [(.loanMaturity, rank + 1)], rank: rank)
        let rate = loan.rate + loanSpread[i]
        event(.refinanced, loan.id, usd: loanPrincipal[i], .refinanced(rate: rate, termYears: refinance.termYears))
        return true
    }

    /// A rolled instrument's dates from today: `periodic` every `months` before its maturity,
    /// `years` on, then the `atMaturity` items (with their order within the day) on it.
    mutating func scheduleRolledTerm(_ i: Int, years: Double, everyMonths months: Int, periodic: PaymentSchedule.Kind,
                                     atMaturity: [(PaymentSchedule.Kind, Int)], rank: Int) {
        let today = t.asOf.adding(days: day)
        let maturity = today.adding(months: Int((years * 12).rounded()))
        var k = 1
        while true {
            let date = today.adding(months: k * months)
            if date >= maturity { break }
            scheduleRolled(date, periodic, i, rank)
            k += 1
        }
        for (kind, order) in atMaturity { scheduleRolled(maturity, kind, i, order) }
    }

    /// Adds a rolled instrument's payment date within the horizon, keeping the dates after today sorted
    /// as the schedule's are (by day, then seniority and kind).
    mutating func scheduleRolled(_ date: CalendarDate, _ kind: PaymentSchedule.Kind, _ index: Int, _ order: Int) {
        let due = t.asOf.days(until: date)
        guard due > day && due <= sim.horizonDays else { return }
        let item = PaymentSchedule.Item(day: due, kind: kind, index: index, order: order)
        var at = rolledItems.count
        while at > rolledCursor && (rolledItems[at - 1].day, rolledItems[at - 1].order) > (due, order) { at -= 1 }
        rolledItems.insert(item, at: at)
    }

    /// Whether a rolled instrument's next date falls today.
    @inline(__always)
    var rolledDueToday: Bool { rolledCursor < rolledItems.count && rolledItems[rolledCursor].day == day }
}

extension PaymentSchedule.Item {
    /// Whether this item is paid before `other` on the same day (by order, then index: the
    /// schedule's own sort).
    func precedes(_ other: PaymentSchedule.Item) -> Bool { (order, index) < (other.order, other.index) }
}
