import TreasuryModel
import StressResults
import Foundation

/// Quiet days (issue 10): on most Monte Carlo days nothing can happen on a path. On a day the
/// calendar leaves quiet (`TreasurySimulator.quietCalendar`) and whose price lies within the band
/// the balance sheet allows (`quietBand`), a step changes nothing but the day count and the
/// interest loans accrue: the simulator steps such a day with `stepQuietly`, without its price.
extension SimulatedTreasury {
    /// How far inside each edge of a band a log price must lie (in ln, a billionth: far beyond
    /// the rounding of the tests themselves and of `exp`), so a day inside the band is one the full
    /// step would find quiet.
    static let quietMargin = 1e-9
    /// The same for an edge the band computes, whose ln is taken by a series within 1.2e-6.
    static let quietEdgeMargin = 1e-5

    /// A band of ln(P / P₀) (open at both ends) within which a quiet calendar day changes nothing
    /// on this balance sheet but loan interest accrual and, at a new low, the lowest price, as it
    /// stands after the last day stepped: no loan reaches its margin call or a new LTV peak, no
    /// secured note falls below its coverage tests, no covenant tested today changes state; below
    /// `prefundHigh` (at most `high`) a day in a prefunding window too, the ATM shut; and below
    /// `leanHigh`, where the band holds whatever the ATM raises, a day in a prefunding window
    /// stepped by `stepPrefunding`. Empty when something acts whatever the price: a loan or note in
    /// a call, a reserve below its floor that BTC sales refill, rolled payments, a tested mNAV
    /// covenant other than a minimum not yet breached; empty for quiet days (not lean ones) while
    /// prefunded cash waits to be released. A reserve below its floor that only the ATM refills
    /// bounds the band to where mNAV keeps the ATM shut.
    mutating func quietBand() -> QuietBand {
        let empty = QuietBand.empty
        quietPeakLow = .infinity
        callEdgesValid = false
        callBoundValid = false
        guard !recordEvents, !recordSeries, conditions.marketsClosed == nil, conditions.equityShock == 0,
              conditions.fundDiscount == 0 else { return empty }
        // Prefunded cash is released on the first quiet day with nothing due in the window: only
        // lean days may use the band then.
        let quiet = policy.prefundDays == 0 || prefunded == 0
        if rolledCursor < rolledItems.count { return empty }
        // Prices (USD) between which the balance sheet stays as it is.
        var low = 0.0, high = Double.infinity
        // BTC held on any later day: fund stakes lose BTC per share to fees day by day.
        let held = quietBTCHeldRange()
        if sim.hasReserveFloor && reserveFloorUSD() - reserve >= 1 {
            // A reserve below its floor stays there only while the ATM raises nothing for it and
            // the policy sells no BTC for it.
            guard !policy.sellBitcoinForReserve, let shut = quietATMShutRange() else { return empty }
            low = shut.low
            high = shut.high
        }

        // The loans' edges: no margin call or liquidation above `callLow`, no new peak LTV above
        // `peakLow`; what lies between is left to `stepAtLTVPeak`.
        quietDaysAccrue = false
        var peakLow = 0.0, callLow = 0.0
        for i in loanPrincipal.indices where loanPrincipal[i] > 0 {
            quietDaysAccrue = true
            guard let edges = quietLoanEdges(i) else { return empty }
            peakLow = max(peakLow, edges.peak)
            callLow = max(callLow, edges.call)
        }
        for i in sim.securedNotes where notePrincipal[i] > 0 {
            guard noteCallDeadline[i] == nil, let security = sim.noteSecurity[i] else { return empty }
            // Coverage = collateral · P · advanceRate / principal stays at or above both tests.
            let level = max(1, (security.redemptionCoverage ?? 0) * (1 - 1e-9))
            let perPrice = noteCollateral[i] * security.advanceRate / notePrincipal[i]
            guard perPrice > 0 else { return empty }
            low = max(low, level / perPrice)
        }
        // Whether the days of a prefunding window may be stepped leanly (`stepPrefunding`): the ATM
        // raises cash and shares, so the band must hold whatever it raises.
        var lean = policy.prefundDays > 0 && !quietDaysAccrue && !hasFundStakes
            && !sim.securedNotes.contains { notePrincipal[$0] > 0 }
        if checksCovenants {
            for c in sim.covenantTerms.indices {
                // The covenants `checkCovenants` skips (reporting ones once in breach, or all
                // reporting ones where only the balance sheet is tracked) set no edge.
                if sim.covenantReportsOnly[c] && (covenantInBreach[c] || !tracksReporting) { continue }
                guard let range = quietCovenantRange(c, held: held) else { return empty }
                low = max(low, range.low)
                high = min(high, range.high)
                if lean { lean = keepsStateWhileATMRaises(c, held: held, low: range.low) }
            }
        }
        quietLowOthers = low
        let below = max(low, callLow)
        low = max(low, peakLow)
        // A band wholly below 1e-300 of today's price (where the series would misread a
        // subnormal number) is as good as none.
        guard low < high, high / sim.startPrice > 1e-300 else { return empty }
        // ln by the fan's series (within 1.2e-6, no libm call: the band is redrawn after every
        // payment), each edge moved in by 1e-5 to cover it.
        let lowEdge = quietLowEdge(low)
        let highEdge = quietEdge(high) - Self.quietEdgeMargin
        guard lowEdge < highEdge else { return empty }
        // A day in a prefunding window (none prefunded yet) raises cash from the ATM for what falls
        // due: it is quiet only where the ATM is shut.
        var prefundEdge = highEdge
        if policy.prefundDays > 0 {
            let shut = quietATMShutRange()?.high ?? 0
            if shut < high { prefundEdge = shut > low ? quietEdge(shut) - Self.quietEdgeMargin : -.infinity }
        }
        guard quiet || lean else { return empty }
        if quiet && below < low { quietPeakLow = min(lowEdge, quietLowEdge(below)) }
        return QuietBand(low: lowEdge, high: quiet ? highEdge : -.infinity, prefundHigh: quiet ? prefundEdge : -.infinity,
                         leanHigh: lean ? highEdge : -.infinity)
    }

    /// ln(P / P₀) of a BTC price P (USD) by the fan's series (within 1.2e-6, no libm call: the
    /// band is redrawn after every payment); infinite for an infinite price.
    @inline(__always)
    func quietEdge(_ price: Double) -> Double {
        price.isFinite ? FanHistogram.binningLog(price / sim.startPrice) : .infinity
    }

    /// The band's lower edge for a lowest quiet BTC price (USD): its ln moved in by the margin that
    /// covers the series.
    @inline(__always)
    func quietLowEdge(_ low: Double) -> Double {
        (low > 0 ? quietEdge(low) : -.infinity) + Self.quietEdgeMargin
    }

    /// The BTC prices (USD) above which outstanding loan `i` reaches neither its margin call nor
    /// its liquidation (`call`), nor an LTV above its peak so far (`peak`), on a later quiet day:
    /// LTV = principal / (collateral · unit · P), the collateral at its lowest over the horizon.
    /// Nil when the loan gives no band (in a call, or no collateral).
    @inline(__always)
    func quietLoanEdges(_ i: Int) -> (peak: Double, call: Double)? {
        guard loanCallDeadline[i] == nil else { return nil }
        let terms = sim.loanTerms[i]
        let callLimit = min(terms.marginCallLTV, terms.liquidationLTV)
        let units = quietCollateralRange(i)
        guard callLimit > 0, peakLTV[i] > 0, units.low > 0 else { return nil }
        let principal = loanPrincipal[i]
        return (principal / (units.low * min(peakLTV[i], callLimit)), principal / (units.low * callLimit))
    }

    /// A day the band would leave quiet but for a loan's LTV, which may pass its peak so far (its
    /// log price between `quietPeakLow` and `QuietBand.low`, on a day the calendar leaves
    /// quiet): below every loan's margin call and every other edge of the band, a full step would
    /// do nothing but record each loan's new peak LTV, at the day's BTC price `price` (USD). Steps
    /// the day quietly, records the peaks (and shows the day to `observer`) as the full step would;
    /// returns the band's new lower edge.
    mutating func stepAtLTVPeak<Observer: DailyObserver>(day: Int, price: Double, observer: inout Observer) -> Double {
        stepQuietly(day: day)
        self.price = price
        if hasFundStakes { refreshFundBTC() }
        var low = quietLowOthers
        for i in loanPrincipal.indices where loanPrincipal[i] > 0 {
            let current = ltv(i)
            if current > peakLTV[i] { peakLTV[i] = current }
            low = max(low, quietLoanEdges(i)?.peak ?? .infinity)
        }
        if Observer.observesDays && observer.observes(day: day) {
            observer.observe(day: day, btcPrice: price, btcHeld: btcHeld, maxLTV: maxLTV)
        }
        return quietLowEdge(low)
    }

    /// Steps `day` for a day inside the quiet band on a quiet calendar day: loans accrue their
    /// interest (added at the next full step), and nothing else can change (the day's price is
    /// never needed).
    @inline(__always)
    mutating func stepQuietly(day: Int) {
        self.day = day
        if quietDaysAccrue { quietAccrualDays += 1 }
    }

    /// Keeps a quiet day's BTC price (USD) if it is the lowest so far (the outcome's lowest price),
    /// as the full step would.
    @inline(__always)
    mutating func noteLowestPrice(_ price: Double) {
        lowestPrice = min(lowestPrice, price)
    }

    /// `stepQuietly` on a day `observer` records, at that day's BTC price (USD): the day's end as
    /// a full step would show it (the fund stakes' BTC after the day's fees, each loan's LTV at
    /// the price), with nothing else to do.
    @inline(__always)
    mutating func stepQuietly<Observer: DailyObserver>(day: Int, showing price: Double, to observer: inout Observer) {
        stepQuietly(day: day)
        self.price = price
        if hasFundStakes { refreshFundBTC() }
        observer.observe(day: day, btcPrice: price, btcHeld: btcHeld, maxLTV: maxLTV)
    }

    /// Whether covenant `c`, tested and inside its band (from `low`, USD), keeps its state while the
    /// ATM raises cash for prefunding (liquidity up, claims net of cash down, more shares): the
    /// metrics on BTC NAV do not see them; a liquidity minimum not breached stays so; an mNAV
    /// minimum not breached stays so above the model's edge, as long as the claims the ATM could
    /// leave (all its remaining capacity raised) stay within the band's rounding bound.
    func keepsStateWhileATMRaises(_ c: Int, held: (low: Double, high: Double), low: Double) -> Bool {
        let terms = sim.covenantTerms[c]
        switch terms.metric {
        case .ltv, .leverage, .assetCoverage, .dividendCoverageYears, .coverage: return true
        case .liquidityUSD, .liquidityMonths: return !covenantInBreach[c] && !terms.maximum.isFinite
        case .mnav:
            guard !covenantInBreach[c], !terms.maximum.isFinite else { return false }
            let lowest = debt + preferred - liquidity - atmRemaining
            return low <= 0 || abs(lowest) <= 1e6 * terms.minimum * (1 + 1e-6) * held.low * low
        }
    }

    /// Lean prefunding days (`stepPrefunding`) from `day` (its calendar `calendar`, at `price`,
    /// USD) on, while the calendar and the quiet band (`low` < log price < `leanHigh`) make each
    /// one, in one call rather than one return to the day loop each: a Strategy-like path has runs
    /// of a dozen between payments.
    /// Returns the first day not stepped (not lean, past the horizon, or unread: `prices` is read
    /// ahead only within the walk it holds, `lastHeldDay`, so that a copy reads what the caller's
    /// does), whether a soft call would be made on it (the day loop then steps it in full rather
    /// than try it leanly again), and `aboveLowest` with the stepped days' log prices in it, as the day loop
    /// would have put them (the lowest log price so far, for the quiet days after).
    @inline(never)
    mutating func stepLeanDays<Observer: DailyObserver, Source: BTCPriceSource>(
        from day: Int, calendar: QuietDay, price: Double, low: Double, leanHigh: Double, prices: Source, aboveLowest: Double,
        observer: inout Observer
    ) -> (next: Int, callMade: Bool, aboveLowest: Double) {
        var day = day, calendar = calendar, price = price, aboveLowest = aboveLowest
        // Ordinary days (`LeanRunState`) step on values held across them, in a loop of their own: a
        // Monte Carlo path's too, though its `exp` call spills them every day (with its fan days
        // among them, its stretches are long enough to gain).
        let atm = leanRunATM
        // The last day read ahead: within the horizon and the walk held (−1 where none is).
        let lastDay = min(sim.horizonDays, prices.lastHeldDay)
        while true {
            if let atm, let terms = ordinaryLeanTerms(),
               let target = ordinaryLeanDayTarget(day: day, calendar: calendar, terms: terms) {
                guard stepOrdinaryLeanDays(&day, &calendar, &price, &aboveLowest, target: target, atm: atm, terms: terms,
                                           low: low, leanHigh: leanHigh, prices: prices, lastDay: lastDay,
                                           observer: &observer) else {
                    return (day, false, aboveLowest)
                }
            }
            guard stepPrefunding(day: day, calendar: calendar, price: price, observer: &observer) else { return (day, true, aboveLowest) }
            guard nextLeanDay(&day, &calendar, &price, &aboveLowest, low: low, leanHigh: leanHigh, prices: prices,
                              lastDay: lastDay) else {
                return (day, false, aboveLowest)
            }
        }
    }

    /// Ordinary lean days (`LeanRunState`, under `terms`) from `day` (its calendar `calendar`, at
    /// `price`, USD; its prefunding target `target`, USD) on, on values held across them:
    /// `stepLeanDays`'s days while they are ordinary. Moves `day` and the rest to the first day not
    /// stepped, and returns whether it is lean (not ordinary: the caller steps it) rather than past
    /// the run.
    @inline(never)
    mutating func stepOrdinaryLeanDays<Observer: DailyObserver, Source: BTCPriceSource>(
        _ dayHeld: inout Int, _ calendarHeld: inout QuietDay, _ priceHeld: inout Double, _ aboveLowestHeld: inout Double,
        target: Double, atm: ATMProgram, terms: OrdinaryLeanTerms, low: Double, leanHigh: Double, prices: Source,
        lastDay: Int, observer: inout Observer
    ) -> Bool {
        // In locals: through the caller's variables, each was stored every day.
        var day = dayHeld, calendar = calendarHeld, price = priceHeld, aboveLowest = aboveLowestHeld
        var run = leanRunState(), target = target
        // Every lean day comes after the as-of day.
        let shock = equityShockAfterAsOf
        defer {
            storeLeanRun(run)
            (dayHeld, calendarHeld, priceHeld, aboveLowestHeld) = (day, calendar, price, aboveLowest)
        }
        while true {
            stepOrdinaryLeanDay(&run, day: day, price: price, target: target, atm: atm, shock: shock)
            // The day's share price waits for the soft calls' rings (`waitToCountLeanly`).
            if calendar.countsCalls { waitToCount(run.sharePrice) }
            // A fan day: no loan is outstanding on a lean day (`quietBand` draws a lean band only
            // without one, and a lean day borrows nothing), so the worst LTV is 0.
            if Observer.observesDays && observer.observes(day: day) {
                assert(!loanPrincipal.contains { $0 > 0 }, "a lean day with a loan outstanding")
                observer.observe(day: day, btcPrice: price, btcHeld: run.btcHeld, maxLTV: 0)
            }
            guard nextLeanDay(&day, &calendar, &price, &aboveLowest, low: low, leanHigh: leanHigh, prices: prices,
                              lastDay: lastDay) else { return false }
            guard let next = ordinaryLeanDayTarget(day: day, calendar: calendar, terms: terms) else { return true }
            target = next
        }
    }

    /// Moves `day` to the next day and reads its calendar, and if it is lean too (a prefunding day
    /// whose log price lies within `low` and `leanHigh`), its price (USD) and `aboveLowest` with its
    /// log price in it; false when it is not (or past `lastDay`: the horizon, or the walk `prices`
    /// holds, −1 for one it does not, so that a copy reads what the caller's does).
    @inline(__always)
    func nextLeanDay<Source: BTCPriceSource>(_ day: inout Int, _ calendar: inout QuietDay, _ price: inout Double,
                                             _ aboveLowest: inout Double, low: Double, leanHigh: Double, prices: Source,
                                             lastDay: Int) -> Bool {
        // `&+`: a day is at most the horizon.
        day &+= 1
        guard day <= lastDay else { return false }
        let logReturn = prices.logReturn(heldDay: day)
        // Read once a day: the next step reads whether soft calls count from it.
        calendar = sim.leanDays.calendar(uncheckedDay: day)
        guard calendar.prefunds && logReturn > low && logReturn < leanHigh else { return false }
        aboveLowest = min(aboveLowest, logReturn + Self.quietMargin)
        price = prices.price(heldDay: day, atLogReturn: logReturn)
        return true
    }

    /// A day of a prefunding window inside a band drawn for it (below `QuietBand.leanHigh`: no
    /// loan outstanding, no secured note or fund stake held, the reserve at its floor or the band
    /// where the ATM is shut, every covenant tested keeping its state whatever the ATM raises): the
    /// day's soft calls are counted at the day's share price and the ATM prefunds, as a full step
    /// would; nothing else in a full step can act (no payment, loan, secured note, reserve refill
    /// or covenant change; liquidity only rises). Returns false, having changed nothing a full
    /// step would not redo, when a soft call would be made today.
    @inline(__always)
    mutating func stepPrefunding<Observer: DailyObserver>(day: Int, calendar: QuietDay, price: Double, observer: inout Observer) -> Bool {
        let previousDay = self.day
        openDay(day, price: price, keepingLeanCallDays: true)
        // Nearly every lean day reads the equity price (the ATM's gate and price, soft calls):
        // priced here inline, to the bit what `ensureEquity` would price on the first read.
        priceEquityInline()
        // The calendar (`calendar`, the day's) says whether soft calls count today (a prefunding
        // day is never busy).
        if calendar.countsCalls {
            let sharePrice = self.sharePrice
            if !waitToCountLeanly(day: day, sharePrice: sharePrice) {
                if quietCallDayCount > 0 { countQuietCallDays() }
                startCountingCalls(onDay: day)
                guard countCallsUnlessOneIsMade(onDay: day, { call, _ in sharePrice >= call.threshold }) else {
                    // The full step redoes the rest.
                    self.day = previousDay
                    return false
                }
                // The counts changed (the flush above, or a call joining, already said so).
                callBoundValid = false
            }
        }
        prefundInline()
        if Observer.observesDays && observer.observes(day: day) {
            observer.observe(day: day, btcPrice: price, btcHeld: btcHeld, maxLTV: maxLTV)
        }
        return true
    }

    /// The lowest and highest BTC (direct and through fund stakes) this balance sheet can hold on
    /// a later quiet day, BTC.
    @inline(__always)
    func quietBTCHeldRange() -> (low: Double, high: Double) {
        guard hasFundStakes else { return (directBTC, directBTC) }
        var low = directBTC, high = directBTC
        for i in fundFree.indices {
            let range = sim.fundBTCPerShareRange[i]
            low += fundFree[i] * range.low
            high += fundFree[i] * range.high
        }
        for i in loanCollateral.indices {
            guard let f = loanFundIndex[i] else { continue }
            let range = sim.fundBTCPerShareRange[f]
            low += loanCollateral[i] * range.low
            high += loanCollateral[i] * range.high
        }
        return (low, high)
    }

    /// Loan `i`'s collateral valued at a BTC price of 1 on a later quiet day: its BTC, or its fund
    /// shares' BTC with the stake's premium; the lowest and highest over the horizon.
    @inline(__always)
    func quietCollateralRange(_ i: Int) -> (low: Double, high: Double) {
        guard let f = loanFundIndex[i] else { return (loanCollateral[i], loanCollateral[i]) }
        let range = sim.fundBTCPerShareRange[f], premium = 1 + sim.fundPremium[f]
        return (loanCollateral[i] * range.low * premium, loanCollateral[i] * range.high * premium)
    }

    /// The BTC prices (USD) between which covenant `c` keeps its state on a later quiet day; nil
    /// when no band can be given (an mNAV covenant other than a minimum not yet breached, a state
    /// that prices on both sides keep, or a
    /// metric that no longer moves with the price but stands on the other side of its limit from
    /// the state last tested: a covenant later in the day's loop accelerated what it measures).
    mutating func quietCovenantRange(_ c: Int, held: (low: Double, high: Double)) -> (low: Double, high: Double)? {
        let terms = sim.covenantTerms[c]
        let breached = covenantInBreach[c]
        // A metric the price no longer moves (cash, or a ratio whose other side is zero): its
        // state holds at every price if the value today gives the state last tested.
        func unmoved(_ treasury: inout SimulatedTreasury) -> (low: Double, high: Double)? {
            terms.isBreached(by: treasury.metric(terms)) == breached ? (0, .infinity) : nil
        }
        switch terms.metric {
        case .liquidityUSD, .liquidityMonths:
            // Cash and fixed charges do not move on a quiet day.
            return unmoved(&self)
        case .mnav:
            return quietMNAVRange(c, breached: breached, held: held)
        case .ltv:
            guard case .loan(let i) = terms.subject, loanPrincipal[i] > 0 else { return unmoved(&self) }
            let units = quietCollateralRange(i)
            guard units.low > 0 else { return units.high > 0 ? nil : unmoved(&self) }
            return Self.stableRange(falling: true, low: loanPrincipal[i] / units.high, high: loanPrincipal[i] / units.low,
                                    terms: terms, breached: breached)
        case .leverage:
            let claims = debt + preferred
            guard held.low > 0 else { return held.high > 0 ? nil : unmoved(&self) }
            guard claims > 0 else { return unmoved(&self) }
            return Self.stableRange(falling: true, low: claims / held.high, high: claims / held.low, terms: terms, breached: breached)
        case .assetCoverage:
            let debt = self.debt
            guard debt > 0, held.low > 0 else { return held.high > 0 && debt > 0 ? nil : unmoved(&self) }
            return Self.stableRange(falling: false, low: held.low / debt, high: held.high / debt, terms: terms, breached: breached)
        case .dividendCoverageYears:
            var dividends = 0.0
            for i in prefNotional.indices { dividends += prefNotional[i] * sim.preferredTerms[i].rate }
            guard dividends > 0, held.low > 0 else { return held.high > 0 && dividends > 0 ? nil : unmoved(&self) }
            return Self.stableRange(falling: false, low: held.low / dividends, high: held.high / dividends, terms: terms, breached: breached)
        case .coverage:
            guard case .instrument(let i) = terms.subject, notional(i) > 0 else { return unmoved(&self) }
            if !notionalAheadValid { refreshNotionalAhead() }
            let ahead = notionalAhead[i.position]
            guard ahead > 0, held.low > 0 else { return held.high > 0 && ahead > 0 ? nil : unmoved(&self) }
            return Self.stableRange(falling: false, low: held.low / ahead, high: held.high / ahead, terms: terms, breached: breached)
        }
    }

    /// The BTC prices (USD) below which the ATM raises nothing on a later quiet day: any price
    /// when the programme is absent or spent (capacity, daily cap or authorised shares), else
    /// where the mNAV model's multiple M(P) stays under the programme's minimum (lowered by a
    /// millionth), below P₀ · (minimum / m₀)^(1 / e) (`TreasurySimulator.atmShutBelowPrice`).
    /// There mNAV = max(M(P), C / (H · P)) (C claims net of cash, H BTC held; see
    /// `quietMNAVRange`) is under the minimum, or C / (H · P) is not and then M(P) · H · P < C:
    /// the share price is zero. Nil where that cannot be given, or without claims beyond cash
    /// (C > 0, so mNAV is computed within a few roundings).
    func quietATMShutRange() -> (low: Double, high: Double)? {
        guard let atm = t.equity.atm, atmRemaining > 0, atm.maxDailyUSD > 0, t.equity.authorizedShares > shares else {
            return (0, .infinity)
        }
        guard let high = sim.atmShutBelowPrice, atm.minMNAV > 0, debt + preferred - liquidity > 0 else { return nil }
        return (0, high)
    }

    /// The BTC prices (USD) above which an mNAV covenant with only a minimum, not in breach, stays
    /// out of it; nil for any other mNAV covenant or equity model.
    ///
    /// The share price follows the mNAV model, so mNAV(P) = max(M(P), claims / NAV) with
    /// M(P) = clamp(m₀ · (P / P₀)^elasticity, floor, cap) (the market cap is M · NAV − claims, or
    /// zero): mNAV stays at or above the minimum wherever M does (`MNAVCurve`), above
    /// P₀ · (minimum / m₀)^(1 / elasticity) between the floor and the cap. Claims far beyond the
    /// market cap (a million times) would let rounding reach the margin, so they give no band.
    func quietMNAVRange(_ c: Int, breached: Bool, held: (low: Double, high: Double)) -> (low: Double, high: Double)? {
        let terms = sim.covenantTerms[c]
        let minimum = terms.minimum * (1 + 1e-6)
        guard !breached, !terms.maximum.isFinite, minimum.isFinite, let curve = sim.mnavCurve, shares > 0, held.low > 0 else {
            return nil
        }
        let u = curve.u(belowWhichUnder: minimum)
        // M never falls below the minimum.
        if u == 0 { return (0, .infinity) }
        let low = sim.startPrice * u
        let claims = debt + preferred - liquidity
        guard low.isFinite, low > 0, abs(claims) <= 1e6 * minimum * held.low * low else { return nil }
        return (low, .infinity)
    }

    /// The BTC prices (USD) between which a covenant metric k · P (or k / P when `falling`), k
    /// anywhere in [low, high] (both positive), keeps its breach state; nil when the state holds
    /// on both sides of a band (in breach of a covenant with a minimum and a maximum).
    static func stableRange(falling: Bool, low k0: Double, high k1: Double, terms: CovenantTerms,
                            breached: Bool) -> (low: Double, high: Double)? {
        let minimum = terms.minimum, maximum = terms.maximum
        guard k0 > 0, k1 >= k0, k1.isFinite else { return nil }
        if !breached {
            // minimum ≤ metric ≤ maximum for every k.
            var low = 0.0, high = Double.infinity
            if falling {
                if maximum.isFinite { guard maximum > 0 else { return nil }; low = k1 / maximum }
                if minimum.isFinite && minimum > 0 { high = k0 / minimum }
            } else {
                if minimum.isFinite && minimum > 0 { low = minimum / k0 }
                if maximum.isFinite { guard maximum > 0 else { return nil }; high = maximum / k1 }
            }
            return (low, high)
        }
        switch (minimum.isFinite, maximum.isFinite) {
        case (true, false):
            // Below the minimum for every k.
            guard minimum > 0 else { return nil }
            return falling ? (k1 / minimum, .infinity) : (0, minimum / k1)
        case (false, true):
            // Above the maximum for every k.
            guard maximum > 0 else { return nil }
            return falling ? (0, k0 / maximum) : (maximum / k0, .infinity)
        default:
            return nil
        }
    }
}

/// The band of ln(P / P₀) a Monte Carlo path may step without a full step (`quietBand`), open at
/// both ends: quiet days inside `low`…`high`, and quiet days of a prefunding window below
/// `prefundHigh` (the ATM shut), both empty while prefunded cash waits; days of a prefunding
/// window inside `low`…`leanHigh` by `stepPrefunding` (empty where the band is not drawn for them).
struct QuietBand {
    var low: Double
    var high: Double
    var prefundHigh: Double
    var leanHigh: Double

    /// No quiet day at all.
    static let empty = QuietBand(low: .infinity, high: -.infinity, prefundHigh: -.infinity, leanHigh: -.infinity)
}
