import TreasuryModel
import StressResults

extension SimulatedTreasury {
    /// USD the ATM can raise today: within capacity, the daily cap, authorised shares, and only
    /// while markets are open and mNAV is at or above the programme's minimum.
    var atmAvailable: Double {
        @inline(__always)
        mutating get {
        guard let atm = t.equity.atm, marketsOpen else { return 0 }
        ensureEquity()
        return atmCapacity(atm, sharePrice: equitySharePrice, mnav: equityMNAV, shares: shares,
                           remaining: atmRemaining, usedToday: atmUsedToday)
        }
    }

    /// USD programme `atm` can raise at share price `sharePrice` (USD) and mNAV `mnav` with `shares`
    /// outstanding, `remaining` USD of the programme left and `usedToday` USD raised today, markets
    /// open: within the programme, the daily cap and the authorised shares, and nothing below the
    /// programme's mNAV minimum (`atmAvailable`, and a run of lean days on values it holds).
    @inline(__always)
    func atmCapacity(_ atm: ATMProgram, sharePrice: Double, mnav: Double, shares: Double, remaining: Double,
                     usedToday: Double) -> Double {
        guard mnav >= atm.minMNAV, sharePrice > 0 else { return 0 }
        let netPrice = sharePrice * (1 - atm.discount)
        let byShares = max(0, t.equity.authorizedShares - shares) * netPrice
        return max(0, min(remaining, atm.maxDailyUSD - usedToday, byShares))
    }

    /// Raises up to `amount` USD from the ATM; returns USD raised and shares issued.
    mutating func issueATM(_ amount: Double) -> (usd: Double, shares: Double) {
        issueATMInline(amount)
    }

    /// `issueATM` inline, for a lean prefunding day (`prefund(toTarget:)`). The full step keeps
    /// the call: inlined there too, the step grew past what the compiler inlines into the loop.
    @inline(__always)
    mutating func issueATMInline(_ amount: Double) -> (usd: Double, shares: Double) {
        guard let atm = t.equity.atm else { return (0, 0) }
        let usd = min(amount, atmAvailable)
        guard usd > 0 else { return (0, 0) }
        let issued = usd / (equitySharePrice * (1 - atm.discount))
        shares += issued
        atmRemaining -= usd
        atmUsedToday += usd
        out.ledger.atmProceeds += usd
        return (usd, issued)
    }

    /// Pays `amount` USD for a purpose through the funding waterfall in the policy's order, from
    /// cash, the reserve and the ATM alone when `withoutSales`. Returns what was paid and from
    /// where; the rest is unpaid.
    ///
    /// Prefunded cash is spent first on scheduled obligations. A sale of BTC or fund shares here
    /// is a forced sale.
    mutating func fund(_ amount: Double, use: ObligationKind.Use, withoutSales: Bool = false,
                       usePrefunded: Bool = true) -> FundingBreakdown {
        var funding = FundingBreakdown()
        var need = amount
        guard need > 0 else { return funding }
        if usePrefunded && prefunded > 0 {
            let take = min(prefunded, need)
            prefunded -= take
            funding.fromPrefunded = take
            need -= take
            // Most scheduled payments are covered by what was prefunded for them.
            if need <= 1e-9 {
                out.ledger.payments += funding.total
                return funding
            }
        }
        // By index: iterating the order retained and released the array, which every thread shares.
        for k in policy.fundingOrder.indices where need > 1e-9 {
            let source = policy.fundingOrder[k]
            if withoutSales && source.sells { continue }
            switch source {
            case .cash:
                let take = min(max(0, cash - policy.minCashUSD), need)
                cash -= take
                funding.fromCash += take
                need -= take
            case .reserve:
                guard sim.reserveCovers(use) else { continue }
                let take = min(reserve, need)
                reserve -= take
                funding.fromReserve += take
                need -= take
            case .atm:
                let raised = issueATM(need)
                funding.fromATM += raised.usd
                funding.atmShares += raised.shares
                need -= raised.usd
            case .fundStakes:
                for i in fundFree.indices where need > 1e-9 && fundFree[i] > 0 {
                    let net = fundSharePrice(i) * (1 - t.holdings.fundStakes[i].saleCost)
                    guard net > 0 else { continue }
                    let sold = min(fundFree[i], need / net)
                    fundFree[i] -= sold
                    refreshFundBTC()
                    let usd = sold * net
                    out.fundSharesSold += sold
                    out.fundBTCSold += sold * btcPerFundShare(i)
                    out.ledger.saleProceeds += usd
                    openTodaysSales()
                    today.fundShares.usd += usd
                    today.fundShares.btc += sold * btcPerFundShare(i)
                    funding.fromFunds += usd
                    need -= usd
                    noteForcedSale()
                    let ticker = t.holdings.fundStakes[i].ticker
                    event(.forcedSale, ticker, usd: usd, btc: sold * btcPerFundShare(i), .fundSharesSold(shares: sold))
                }
            case .bitcoin:
                let sale = sellBitcoin(raising: need)
                guard sale.usd > 0 else { continue }
                funding.fromBTC += sale.usd
                funding.btcSold += sale.btc
                need -= sale.usd
            }
        }
        out.ledger.payments += funding.total
        return funding
    }

    /// Sells free BTC to raise `need` USD (a forced sale): at the day's price less slippage, or,
    /// with price impact, at the fill the impact law gives, within the day's participation cap.
    /// Returns the USD raised and the BTC sold (both 0 when nothing can be sold).
    mutating func sellBitcoin(raising need: Double) -> (usd: Double, btc: Double) {
        guard btcFree > 0, price > 0, need > 0 else { return (0, 0) }
        let fill = marketFill(raising: need, from: btcFree, withinParticipationCap: true)
        guard fill.btc > 0 else { return (0, 0) }
        btcFree -= fill.btc
        recordTreasurySale(btc: fill.btc, usd: fill.usd)
        event(.forcedSale, "BTC", usd: fill.usd, btc: fill.btc, .bitcoinSold(netPrice: fill.netPrice))
        return (fill.usd, fill.btc)
    }

    /// The fill of a sale of at most `units` BTC that raises `need` USD today: without price impact
    /// at the day's price less slippage; with it on the impact curve after what the day has already
    /// sold (DESIGN §6.1: P·(1 − slippage)·(1 − ⅔·I), the units solved for). The treasury's own sales
    /// stay within the day's participation cap; a lender or noteholder liquidating collateral sells
    /// what it must today (the cap is the treasury's own discipline, not theirs). Returns the BTC
    /// sold, the USD received and the average net price per BTC.
    mutating func marketFill(raising need: Double, from units: Double,
                             withinParticipationCap: Bool) -> (btc: Double, usd: Double, netPrice: Double) {
        guard let impact = sim.impact else {
            let net = price * (1 - policy.btcSaleSlippage)
            guard net > 0 else { return (0, 0, 0) }
            let sold = min(units, need / net)
            return (sold, sold * net, net)
        }
        let volume = impact.volume(onDay: day, conditions)
        let already = soldToday ? today.btcSold * price : 0
        let cap = withinParticipationCap ? impact.maxParticipation * volume - already : .infinity
        let limit = max(0, min(units * price, cap))
        let sale = impact.sale(raising: need, already: already, limit: limit, volume: volume,
                               slippage: policy.btcSaleSlippage)
        guard sale.marketValue > 0 else { return (0, 0, 0) }
        let sold = min(units, sale.marketValue / price)
        return (sold, sale.proceeds, sale.proceeds / sold)
    }

    /// Books a sale of the treasury's own BTC (free or pledged to its notes), already taken from
    /// where it was held: the BTC leaves, the proceeds arrive, today's sales (for the price) and,
    /// unless the board chose the sale (a buyback), the forced-sale trigger hear of it.
    mutating func recordTreasurySale(btc sold: Double, usd: Double, forced: Bool = true) {
        directBTCTotal -= sold
        out.btcSoldByTreasury += sold
        out.ledger.saleProceeds += usd
        openTodaysSales()
        today.treasuryBitcoin.usd += usd
        today.treasuryBitcoin.btc += sold
        if forced && sold > 0 { noteForcedSale() }
    }

    /// Issues common shares worth `usd` at `pricePerShare` to a holder (conversion, stock dividend,
    /// stock repayment), within authorised shares. Returns the USD value actually delivered.
    mutating func deliverShares(worth usd: Double, at pricePerShare: Double, ref: String) -> (usd: Double, shares: Double) {
        guard usd > 0, pricePerShare > 0 else { return (0, 0) }
        let wanted = usd / pricePerShare
        let room = max(0, t.equity.authorizedShares - shares)
        let issued = min(wanted, room)
        shares += issued
        if issued < wanted && !sharesExhaustedReported {
            sharesExhaustedReported = true
            event(.authorizedSharesExhausted, ref, shares: issued)
        }
        return (issued * pricePerShare, issued)
    }
}

extension FundingSource {
    /// Whether the source sells BTC or fund shares (a forced sale), unlike cash, the reserve and the ATM.
    var sells: Bool {
        switch self {
        case .cash, .reserve, .atm: return false
        case .fundStakes, .bitcoin: return true
        }
    }
}
