import TreasuryModel
import StressResults

/// What a run of lean prefunding days (`SimulatedTreasury.stepLeanDays`) changes on its ordinary
/// days, held in registers across them and written back to the path's state before anything else
/// reads it: the day and its BTC price (USD), the lowest price so far, the start-of-day balance
/// sheet and the equity model's share price (USD) and mNAV priced from it, the shares outstanding,
/// the prefunded cash, free cash, the ATM's remaining programme, today's and all its proceeds
/// (USD). Kept in the path's state day by day, a run stored and loaded again some twenty numbers a
/// day through memory.
///
/// An ordinary lean day (`SimulatedTreasury.ordinaryLeanDayTarget`) is one on which nothing but the
/// equity model, the ATM's prefunding, a soft-call count that waits and a fan's record (no loan is
/// outstanding on a lean day: `quietBand` draws a lean band only without one) acts: no quiet day's
/// soft-call count waits to be counted, and the day's prefunding target is the as-of one
/// (`baseTargetHolds`), with no rolled date in any window. Its BTC held (no fund stake: their BTC
/// per share moves every day), debt and preferred, and reserve do not change.
struct LeanRunState {
    var day = 0
    var price = 0.0
    var lowestPrice = 0.0
    /// The start-of-day balance sheet the equity model priced: BTC NAV and claims net of
    /// liquidity (USD), and shares before the day's issuance.
    var nav = 0.0
    var claims = 0.0
    var startShares = 0.0
    var sharePrice = 0.0
    var mnav = 0.0
    var shares = 0.0
    var prefunded = 0.0
    var cash = 0.0
    var atmRemaining = 0.0
    var atmUsedToday = 0.0
    var atmProceeds = 0.0
    /// Fixed over the run: BTC held (BTC), debt plus preferred notional and the reserve (USD).
    var btcHeld = 0.0
    var owed = 0.0
    var reserve = 0.0
}

/// The path's state an ordinary lean day (`LeanRunState`) reads to know it is one and does not
/// change, read once for a stretch of them (`SimulatedTreasury.ordinaryLeanTerms`): whether soft
/// calls' waiting share prices may grow (the waiting days are share prices and the bound stands),
/// the first day a call joins, the first callable day, the bound on any count, the days a call
/// needs and the waiting buffer's size.
struct OrdinaryLeanTerms {
    let countsWait: Bool
    let nextCallStartDay: Int
    let callsFireFrom: Int
    let callCountCeiling: Int
    let callDaysNeeded: Int
    let waitingRoom: Int
}

extension SimulatedTreasury {
    /// The ATM whose prefunding a run of lean days may step on held values (`LeanRunState`), nil
    /// where none can be: a fund stake (its BTC moves every day), the beta equity model, a
    /// scenario that closes markets (the ATM then depends on the day), or no ATM.
    var leanRunATM: ATMProgram? {
        guard !hasFundStakes, sim.equityBeta == nil, conditions.marketsClosed == nil else { return nil }
        return t.equity.atm
    }

    /// What decides whether a lean day is ordinary (`LeanRunState`) and that ordinary days do not
    /// change (only a waiting soft-call count grows): nil where no day can be, with a rolled date
    /// to prefund or a quiet day's soft-call count waiting to be counted (`openDay`).
    @inline(__always)
    func ordinaryLeanTerms() -> OrdinaryLeanTerms? {
        guard quietCallDayCount == 0 || callDaysWaitingAreSharePrices, rolledCursor == rolledItems.count else { return nil }
        return OrdinaryLeanTerms(countsWait: callDaysWaitingAreSharePrices && callBoundValid, nextCallStartDay: nextCallStartDay,
                                 callsFireFrom: callsFireFrom, callCountCeiling: callCountCeiling,
                                 callDaysNeeded: callDaysNeeded, waitingRoom: quietCallDays.count)
    }

    /// Whether `day` (soft calls counting by `calendar` or not) is an ordinary lean day under
    /// `terms` (`ordinaryLeanTerms`), and its prefunding target (USD) if so. A day on
    /// which soft calls count is ordinary where its share price can wait for the rings as the lean
    /// days' before it do, with nothing else to do first (`waitToCountLeanly`: no call joins, the
    /// buffer has room, the bound stands and no call can be made by the day).
    @inline(__always)
    func ordinaryLeanDayTarget(day: Int, calendar: QuietDay, terms: OrdinaryLeanTerms) -> Double? {
        if calendar.countsCalls {
            guard terms.countsWait, day < terms.nextCallStartDay, quietCallDayCount < terms.waitingRoom,
                  Self.noCallBy(day: day, waiting: quietCallDayCount, fireFrom: terms.callsFireFrom,
                                ceiling: terms.callCountCeiling, needed: terms.callDaysNeeded) else { return nil }
        }
        // The day lies within the horizon (`nextLeanDay`).
        return sim.leanDays.baseTarget(uncheckedDay: day, changed: changedInstruments)
    }

    /// The path's values a run of lean days holds (`LeanRunState`), as they stand.
    @inline(__always)
    func leanRunState() -> LeanRunState {
        var run = LeanRunState()
        run.day = day
        run.price = price
        run.lowestPrice = lowestPrice
        run.shares = shares
        run.prefunded = prefunded
        run.cash = cash
        run.atmRemaining = atmRemaining
        run.atmProceeds = out.ledger.atmProceeds
        run.btcHeld = btcHeld
        run.owed = debt + preferred
        run.reserve = reserve
        return run
    }

    /// Writes what a run of lean days held back to the path's state, as `stepPrefunding` would
    /// have left it on the run's last ordinary day.
    @inline(__always)
    mutating func storeLeanRun(_ run: LeanRunState) {
        day = run.day
        price = run.price
        soldToday = false
        lowestPrice = run.lowestPrice
        dayStartNAV = run.nav
        dayStartClaims = run.claims
        dayStartShares = run.startShares
        equityStale = false
        equitySharePrice = run.sharePrice
        equityMNAV = run.mnav
        shares = run.shares
        prefunded = run.prefunded
        cash = run.cash
        atmRemaining = run.atmRemaining
        atmUsedToday = run.atmUsedToday
        out.ledger.atmProceeds = run.atmProceeds
    }

    /// `stepPrefunding` for an ordinary lean day (`ordinaryLeanDayTarget`: `target` USD) at
    /// `price` (USD), on the values `run` holds, to the bit: the day opens (`openDay`), the equity
    /// model prices the start-of-day balance sheet (`priceEquityInline`) and the ATM raises what
    /// prefunding lacks below the target (`prefund(toTarget:)`, `issueATMInline`), or prefunding
    /// returns to free cash when nothing is left to prefund. `shock` is the day's equity shock
    /// (`equityShock`: a lean day is never day 0, so the run's every day has the same).
    @inline(__always)
    func stepOrdinaryLeanDay(_ run: inout LeanRunState, day: Int, price: Double, target: Double, atm: ATMProgram,
                             shock: Double) {
        assert(day > 0 && shock == equityShock(onDay: day), "a lean day after the as-of day")
        run.day = day
        run.price = price
        run.lowestPrice = min(run.lowestPrice, price)
        // `nav` and `debt + preferred - liquidity` as `updateEquity` sums them.
        run.nav = run.btcHeld * price
        run.claims = run.owed - (run.cash + run.reserve + run.prefunded)
        run.startShares = run.shares
        (run.sharePrice, run.mnav) = mnavModelEquity(nav: run.nav, claims: run.claims, shares: run.shares,
                                                     scale: mnavModelScale(day: day, price: price), shock: shock)
        run.atmUsedToday = 0
        if target > run.prefunded {
            let usd = min(target - run.prefunded, atmCapacity(atm, sharePrice: run.sharePrice, mnav: run.mnav, shares: run.shares,
                                                               remaining: run.atmRemaining, usedToday: run.atmUsedToday))
            var raised = 0.0
            if usd > 0 {
                run.shares += usd / (run.sharePrice * (1 - atm.discount))
                run.atmRemaining -= usd
                run.atmUsedToday += usd
                run.atmProceeds += usd
                raised = usd
            }
            run.prefunded += raised
        } else if target == 0 && run.prefunded > 0 {
            run.cash += run.prefunded
            run.prefunded = 0
        }
    }
}
