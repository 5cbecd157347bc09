import TreasuryModel
import StressResults

extension SimulatedTreasury {
    /// The board's standing policies (DESIGN §7), after the day's payments and prefunding: refill
    /// the reserve to its floor, then issue equity to buy BTC while mNAV allows. Each is off when
    /// the policy does not set it.
    @inline(__always)
    mutating func applyPolicy() {
        guard day > 0 else { return }
        if sim.hasReserveFloor { refillReserve() }
        if sim.accumulates { accumulateBitcoin() }
        if sim.buysBack { buyBackShares() }
    }

    /// The reserve floor in USD: `reserveFloorMonths` months of today's fixed charges.
    mutating func reserveFloorUSD() -> Double {
        guard let months = policy.reserveFloorMonths else { return 0 }
        return months * cachedAnnualFixedCharges() / 12
    }

    /// Raises what the reserve lacks below its floor: from the ATM (while mNAV is at or above the
    /// programme's minimum and markets are open), then, with `sellBitcoinForReserve`, by selling BTC.
    mutating func refillReserve() {
        let short = reserveFloorUSD() - reserve
        // Less than a dollar short is not worth an event.
        guard short >= 1 else { return }
        var funding = FundingBreakdown()
        let raised = issueATM(short)
        funding.fromATM = raised.usd
        funding.atmShares = raised.shares
        if policy.sellBitcoinForReserve && short - raised.usd >= 1 {
            let sale = sellBitcoin(raising: short - raised.usd)
            funding.fromBTC = sale.usd
            funding.btcSold = sale.btc
        }
        let total = funding.fromATM + funding.fromBTC
        guard total > 0 else { return }
        reserve += total
        event(.reserveRefilled, "reserve", usd: total, btc: funding.btcSold, shares: funding.atmShares, .funded(funding))
    }

    /// Soft calls (Strategy's notes): on each trading day, count whether the share price closes at
    /// or above the trigger multiple of the conversion price over the last `windowDays` trading
    /// days; from the first callable date, once `requiredDays` qualify, the issuer calls, holders
    /// convert (the stock is well above the conversion price) and the issuer settles as elected.
    ///
    /// Only the calls counting today are visited, in note order: days more than a window's trading
    /// days before a call's first date cannot count on it (the ring would drop them), and a note
    /// no longer outstanding never is again (Monte Carlo steps millions of days).
    mutating func checkIssuerCalls() {
        guard sim.tradingDays.indices.contains(day), sim.tradingDays[day] else { return }
        startCountingCalls(onDay: day)
        // The counts change: the bound under which days may wait to be counted is drawn again.
        callBoundValid = false
        var position = 0
        while position < countingCalls.count {
            let k = countingCalls[position]
            let call = sim.callTerms[k]
            let i = call.note
            guard notePrincipal[i] > 0 else {
                countingCalls.remove(at: position)
                continue
            }
            position += 1
            count(call: k, qualifies: sharePrice >= call.threshold)
            guard day >= call.fromDay, callCount[k] >= call.requiredDays else { continue }
            event(.issuerCall, t.convertibleNotes[i].id, usd: notePrincipal[i])
            settleNote(i, atMaturity: false)
        }
    }

    /// Adds the calls whose counting starts by `day` to `countingCalls`, in note order.
    @inline(__always)
    mutating func startCountingCalls(onDay day: Int) {
        while day >= nextCallStartDay {
            let k = sim.callStartOrder[callsStarted]
            countingCalls.insert(k, at: countingCalls.firstIndex { $0 > k } ?? countingCalls.endIndex)
            callsStarted += 1
            nextCallStartDay = sim.callStartDay(at: callsStarted)
            // Its edge is worked out with the others' again, in the order of the triggers, and
            // the bound includes it.
            callEdgesValid = false
            callBoundValid = false
            forgetCallGap()
        }
    }

    /// Call `k`'s count after today were the day to qualify as `qualifies` says (the trading day
    /// leaving the window drops out), without counting it.
    @inline(__always)
    func callCountToday(_ k: Int, qualifies: Bool) -> Int {
        let call = sim.callTerms[k]
        return callCount[k] - (callFlags[call.flagOffset + callCursor[k]] ? 1 : 0) + (qualifies ? 1 : 0)
    }

    /// Counts today for every call counting on an outstanding note, `qualifies(terms, k)` saying
    /// whether the day qualifies for call `k`, unless a call would be made today: then it counts
    /// nothing and returns false (the full step counts the day and makes the call).
    @inline(__always)
    mutating func countCallsUnlessOneIsMade(onDay day: Int, _ qualifies: (CallTerms, Int) -> Bool) -> Bool {
        for position in countingCalls.indices {
            let k = countingCalls[position]
            let call = sim.callTerms[k]
            guard notePrincipal[call.note] > 0 else { continue }
            if day >= call.fromDay && callCountToday(k, qualifies: qualifies(call, k)) >= call.requiredDays { return false }
        }
        for position in countingCalls.indices {
            let k = countingCalls[position]
            let call = sim.callTerms[k]
            guard notePrincipal[call.note] > 0 else { continue }
            count(call: k, qualifies: qualifies(call, k))
        }
        return true
    }

    /// Counts today for call `k` in its ring of the last `windowDays` trading days.
    @inline(__always)
    mutating func count(call k: Int, qualifies: Bool) {
        let call = sim.callTerms[k]
        let cursor = callCursor[k]
        if callFlags[call.flagOffset + cursor] { callCount[k] -= 1 }
        callFlags[call.flagOffset + cursor] = qualifies
        if qualifies { callCount[k] += 1 }
        callCursor[k] = cursor + 1 == call.windowDays ? 0 : cursor + 1  // no integer division a day
    }

    /// The flywheel: while mNAV is at or above the policy's threshold, issue up to its daily
    /// amount from the ATM and buy BTC at the day's price plus slippage.
    mutating func accumulateBitcoin() {
        guard let accumulation = policy.accumulate, marketsOpen, price > 0, mnav >= accumulation.minMNAV else { return }
        let raised = issueATM(accumulation.maxDailyUSD)
        guard raised.usd > 0 else { return }
        let unitPrice = price * (1 + policy.btcSaleSlippage)
        let bought = raised.usd / unitPrice
        btcFree += bought
        directBTCTotal += bought
        out.btcBought += bought
        out.ledger.purchases += raised.usd
        event(.bitcoinBought, "BTC", usd: raised.usd, btc: bought, shares: raised.shares)
    }

    /// Buybacks: while mNAV is below the policy's threshold and markets are open, buy back up to
    /// its daily amount of shares at the day's share price, from free cash above the minimum or by
    /// selling free BTC at the day's price less slippage (a chosen sale, not a forced one).
    mutating func buyBackShares() {
        guard let buyback = policy.buyback, marketsOpen, shares > 0, buybackSpent < buyback.capacityUSD,
              mnav < buyback.maxMNAV else { return }
        if let limit = buyback.maxLeverage {
            let nav = self.nav
            guard nav > 0, (debt + preferred) / nav <= limit else { return }
        }
        let unitPrice = sharePrice
        guard unitPrice > 0 else { return }
        // Never more than the programme's remainder or the shares outstanding.
        let budget = min(buyback.maxDailyUSD, buyback.capacityUSD - buybackSpent, shares * unitPrice)
        var spent = 0.0, btcSold = 0.0
        switch buyback.fundedBy {
        case .cash:
            spent = min(budget, max(0, cash - policy.minCashUSD))
            cash -= spent
        case .bitcoin:
            let net = price * (1 - policy.btcSaleSlippage)
            guard net > 0 else { return }
            btcSold = min(btcFree, budget / net)
            spent = btcSold * net
            btcFree -= btcSold
            recordTreasurySale(btc: btcSold, usd: spent, forced: false)
        }
        guard spent >= 1 else { return }
        let retired = min(shares, spent / unitPrice)
        shares -= retired
        buybackSpent += spent
        out.ledger.payments += spent
        event(.sharesBoughtBack, "shares", usd: spent, btc: btcSold, shares: retired, .sharesBoughtBack(pricePerShare: unitPrice))
    }
}
