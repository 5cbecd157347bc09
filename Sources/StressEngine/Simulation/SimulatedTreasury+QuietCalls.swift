import TreasuryModel
import StressResults
import Foundation

/// Soft calls on quiet days (issue 10): a day the calendar leaves quiet but for the soft-call
/// count is stepped quietly when its log price says on which side of each call's trigger the
/// share price lies and no call can be made.
extension SimulatedTreasury {
    /// Counts the soft calls on `day`, a day the calendar leaves quiet but for them, its
    /// ln(P / P₀) `logReturn` inside the quiet band: whether the share price reaches each call's
    /// trigger is read from the log price at which it does on this balance sheet (`callEdges`),
    /// without the day's price or share price. Returns false, having counted nothing today, where a
    /// full step is needed: the log price within the edge margin of an edge (or no edge to rely on),
    /// or a call that would be made today. The caller then steps the day quietly.
    ///
    /// While no call can be made (before the first callable day of any, or with every count short
    /// of its required days by more than the days waiting), the day's log price waits in
    /// `quietCallDays` and the rings take the waiting days together (`countQuietCallDays`): the
    /// same flags and counts, written call by call instead of day by day.
    @inline(__always)
    mutating func countCallsQuietly(day: Int, logReturn: Double) -> Bool {
        // The usual day, in the caller's loop: no call joins, the bound stands (drawn after the
        // edges, and dropped with them), the day lies in the gap between edges and waits, since
        // no call can be made by it.
        if callBoundValid && day < nextCallStartDay && logReturn > callGapLow && logReturn < callGapHigh
            && quietCallDayCount < quietCallDays.count
            && Self.noCallBy(day: day, waiting: quietCallDayCount, fireFrom: callsFireFrom, ceiling: callCountCeiling,
                             needed: callDaysNeeded) {
            waitToCount(logReturn)
            return true
        }
        return countCallsQuietlyInFull(day: day, logReturn: logReturn)
    }

    /// Holds a waiting day's entry (a quiet day's log price, a lean day's share price) until the
    /// rings take it (`countQuietCallDays`).
    @inline(__always)
    mutating func waitToCount(_ entry: Double) {
        quietCallDays[quietCallDayCount] = entry
        quietCallDayCount += 1
        quietCallDaysHigh = max(quietCallDaysHigh, entry)
    }

    /// Whether one more day may wait on `day` with no call made by it (before the first callable
    /// day, or every count short of its required days by more than the days waiting, today
    /// included); the waiting days are counted first when the buffer is full, and the bound is
    /// drawn again when stale.
    @inline(__always)
    mutating func oneMoreDayCanWait(day: Int) -> Bool {
        if quietCallDayCount == quietCallDays.count { countQuietCallDays() }
        if !callBoundValid { refreshCallBound() }
        return Self.noCallBy(day: day, waiting: quietCallDayCount, fireFrom: callsFireFrom, ceiling: callCountCeiling,
                             needed: callDaysNeeded)
    }

    /// The bound under which a day may wait to be counted: no soft call can be made by `day` with
    /// `waiting` days already waiting and the day itself qualifying, as it falls before the first
    /// callable day (`fireFrom`) or the highest count (`ceiling`) stays short of the fewest
    /// required days (`needed`) even then (`refreshCallBound`).
    @inline(__always)
    static func noCallBy(day: Int, waiting: Int, fireFrom: Int, ceiling: Int, needed: Int) -> Bool {
        day < fireFrom || ceiling + waiting + 1 < needed
    }

    /// A lean prefunding day's soft-call count (`stepPrefunding`), deferred as a quiet day's is:
    /// while no call can be made by it (no call joins today, and the bound holds with every
    /// waiting day and today qualifying), the day's share price (USD) waits in `quietCallDays`
    /// for the rings (`countQuietCallDays`: the same flags and counts as counting the day now).
    /// Returns false, having counted nothing, where the day must be counted now.
    @inline(__always)
    mutating func waitToCountLeanly(day: Int, sharePrice: Double) -> Bool {
        guard day < nextCallStartDay, quietCallDayCount == 0 || callDaysWaitingAreSharePrices,
              oneMoreDayCanWait(day: day) else { return false }
        if !callDaysWaitingAreSharePrices {
            // No quiet day may wait behind a lean one: the quiet days' gap is emptied, so a quiet
            // day reaches `countCallsQuietlyInFull`, which counts the lean days first.
            callDaysWaitingAreSharePrices = true
            forgetCallGap()
        }
        waitToCount(sharePrice)
        return true
    }

    /// `countCallsQuietly` for any day.
    mutating func countCallsQuietlyInFull(day: Int, logReturn: Double) -> Bool {
        if callDaysWaitingAreSharePrices { countQuietCallDays() }
        // The same calls join as in a full step, after the days before it are counted without
        // them; a note no longer outstanding is left for the next full step to drop (it counts
        // nothing either way).
        if day >= nextCallStartDay {
            countQuietCallDays()
            startCountingCalls(onDay: day)
        }
        if !callEdgesValid { refreshCallEdges() }
        // Inside the gap between edges the last such day found, every edge's test reads as it did.
        if !(logReturn > callGapLow && logReturn < callGapHigh) {
            let margin = Self.quietEdgeMargin
            var low = -Double.infinity, high = Double.infinity
            // The calls counting on outstanding notes, from the lowest trigger up, each edge worked
            // out when first reached. A day below one call's edge has a share price below its
            // trigger, so below every trigger as high or higher: those edges are not needed (their
            // `callEdges` stay +∞, which the rings read as "not reached"). A call has started
            // counting when it starts before the next call to start (`startCountingCalls` starts
            // every call due by a day together).
            // By index: iterating the array while counting retained it and checked its uniqueness.
            for position in sim.callsByThreshold.indices {
                let k = sim.callsByThreshold[position]
                let call = sim.callTerms[k]
                guard call.firstCountedDay < nextCallStartDay, notePrincipal[call.note] > 0 else { continue }
                if position >= callEdgesWorkedOut {
                    callEdges[k] = callEdge(threshold: call.threshold)
                    callEdgesWorkedOut = position + 1
                }
                let edge = callEdges[k]
                let above = edge + margin, below = edge - margin
                if logReturn > above {
                    low = max(low, above)
                } else if logReturn < below {
                    high = below
                    break
                } else {
                    return false
                }
            }
            (callGapLow, callGapHigh) = (low, high)
        }
        if oneMoreDayCanWait(day: day) {
            waitToCount(logReturn)
            return true
        }
        // A call may be made today: the waiting days first, then today call by call.
        countQuietCallDays()
        let edges = callEdges
        guard countCallsUnlessOneIsMade(onDay: day, { logReturn > edges[$1] }) else { return false }
        callBoundValid = false
        return true
    }

    /// Writes the waiting days (`quietCallDays`, in day order) into each counting call's ring, as
    /// `count(call:qualifies:)` day by day would: quiet days (all drawn within the current band)
    /// by their log price against the call's edge, lean days by their share price against its
    /// trigger.
    mutating func countQuietCallDays() {
        // Each kind in a loop of its own.
        if callDaysWaitingAreSharePrices {
            countWaitingCallDays(sharePrices: true)
        } else {
            countWaitingCallDays(sharePrices: false)
        }
    }

    /// `countQuietCallDays` for waiting days of one kind, `sharePrices` or log prices.
    @inline(__always)
    mutating func countWaitingCallDays(sharePrices: Bool) {
        let waiting = quietCallDayCount
        guard waiting > 0 else { return }
        let high = quietCallDaysHigh
        for position in countingCalls.indices {
            let k = countingCalls[position]
            let call = sim.callTerms[k]
            guard notePrincipal[call.note] > 0 else { continue }
            let edge = callEdges[k]
            var count = callCount[k], cursor = callCursor[k]
            // An empty ring that no waiting day reaches (the usual case: a stock far below the
            // trigger) only turns: the same flags, written at once. (A full ring lasts at most the
            // few days between its filling and the call: not worth a branch.)
            if count == 0 && !(sharePrices ? high >= call.threshold : high > edge) {
                callCursor[k] = (cursor + waiting) % call.windowDays
                continue
            }
            if sharePrices {
                let threshold = call.threshold
                countWaitingDays(call, count: &count, cursor: &cursor) { $0 >= threshold }
            } else {
                countWaitingDays(call, count: &count, cursor: &cursor) { $0 > edge }
            }
            callCount[k] = count
            callCursor[k] = cursor
        }
        quietCallDayCount = 0
        quietCallDaysHigh = -.infinity
        callDaysWaitingAreSharePrices = false
        callBoundValid = false
    }

    /// Writes the waiting days into `call`'s ring from `cursor`, a day qualifying where
    /// `qualifies` says of its entry in `quietCallDays`, keeping the ring's `count` of qualifying days.
    @inline(__always)
    mutating func countWaitingDays(_ call: CallTerms, count: inout Int, cursor: inout Int, qualifies: (Double) -> Bool) {
        let waiting = quietCallDayCount
        // The ring is this path's own: written through its buffer, it is checked for
        // uniqueness once a call rather than once a day.
        callFlags.withUnsafeMutableBufferPointer { flags in
            for d in 0..<waiting {
                let qualifies = qualifies(quietCallDays[d])
                if flags[call.flagOffset + cursor] { count -= 1 }
                flags[call.flagOffset + cursor] = qualifies
                if qualifies { count += 1 }
                cursor = cursor + 1 == call.windowDays ? 0 : cursor + 1
            }
        }
    }

    /// The bound under which no call can be made on a quiet day, over the calls counting on
    /// outstanding notes: the highest count, the fewest required days, the first callable day.
    mutating func refreshCallBound() {
        var ceiling = 0, needed = Int.max, from = Int.max
        for position in countingCalls.indices {
            let k = countingCalls[position]
            let call = sim.callTerms[k]
            guard notePrincipal[call.note] > 0 else { continue }
            ceiling = max(ceiling, callCount[k])
            needed = min(needed, call.requiredDays)
            from = min(from, call.fromDay)
        }
        (callCountCeiling, callDaysNeeded, callsFireFrom) = (ceiling, needed, from)
        callBoundValid = true
    }

    /// Drops the edges drawn on an earlier balance sheet: each is worked out again on this one
    /// when a day's scan first reaches it (`countCallsQuietlyInFull`, from the lowest trigger up),
    /// and reads +∞ until then: every day let through lies below an edge reached, so below the
    /// trigger of every call not reached.
    mutating func refreshCallEdges() {
        for k in callEdges.indices { callEdges[k] = .infinity }
        callEdgesWorkedOut = 0
        callEdgesValid = true
        forgetCallGap()
    }

    /// Empties the gap between call edges (`callGapLow`…`callGapHigh`): the next quiet counting day
    /// reads every edge again.
    @inline(__always)
    mutating func forgetCallGap() {
        (callGapLow, callGapHigh) = (.infinity, -.infinity)
    }

    /// The ln(P / P₀) above which a quiet day's share price reaches `threshold` (USD) on this
    /// balance sheet, P the day's BTC price, and below which it does not: in either equity model
    /// with an exponent not below zero the share price rises with P. In the mNAV model the share
    /// price is max(0, M(u) · H · P₀ · u − C) / S (u = P / P₀, H BTC held, C claims net of cash,
    /// S shares, M(u) = clamp(m₀ · u^e, floor, cap)), at or above the threshold T where
    /// M(u) · u ≥ r = (T · S + C) / (H · P₀), solved on the floor, the cap or the slope between;
    /// in the beta model S₀ · u^β ≥ T. NaN (every such day stepped in full) where the edge is not
    /// to be relied on to the bit: a negative exponent, fund stakes whose BTC moves day by day,
    /// no BTC, or claims that dwarf the market cap at the trigger (a millionth of them).
    @inline(__always)
    func callEdge(threshold: Double) -> Double {
        guard threshold > 0 else { return -.infinity }
        guard !hasFundStakes else { return .nan }
        if let beta = sim.equityBeta {
            let start = sim.startSharePrice
            guard beta >= 0 else { return .nan }
            guard start > 0 else { return .infinity }
            if beta == 0 { return start >= threshold ? -.infinity : .infinity }
            return log(threshold / start) / beta
        }
        guard shares > 0 else { return .infinity }
        let held = btcHeld, claims = debt + preferred - liquidity
        let needed = threshold * shares + claims
        guard let curve = sim.mnavCurve, held > 0, needed > 1e-6 * max(threshold * shares, abs(claims)) else { return .nan }
        return curve.lnU(whereMTimesUReaches: needed / (held * sim.startPrice))
    }
}
