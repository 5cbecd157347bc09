import TreasuryModel
import StressResults

extension SimulatedTreasury {
    /// USD the ATM can raise today: within capacity, the daily cap, authorised shares, and only
    /// while markets are open and mNAV is at or above the programme's minimum.
    var atmAvailable: Double {
        mutating get {
        guard let atm = t.equity.atm, marketsOpen, mnav >= atm.minMNAV, sharePrice > 0 else { return 0 }
        let netPrice = sharePrice * (1 - atm.discount)
        let byShares = max(0, t.equity.authorizedShares - shares) * netPrice
        return max(0, min(atmRemaining, atm.maxDailyUSD - atmUsedToday, byShares))
        }
    }

    /// Raises up to `amount` USD from the ATM; returns USD raised and shares issued.
    mutating func issueATM(_ amount: Double) -> (usd: Double, shares: Double) {
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
        }
        for source in policy.fundingOrder where need > 1e-9 {
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
                    let net = fundSharePrice[i] * (1 - t.holdings.fundStakes[i].saleCost)
                    guard net > 0 else { continue }
                    let sold = min(fundFree[i], need / net)
                    fundFree[i] -= sold
                    let usd = sold * net
                    out.fundSharesSold += sold
                    out.fundBTCSold += sold * btcPerFundShare[i]
                    out.ledger.saleProceeds += usd
                    openTodaysSales()
                    today.fundShares.usd += usd
                    today.fundShares.btc += sold * btcPerFundShare[i]
                    funding.fromFunds += usd
                    need -= usd
                    noteForcedSale()
                    let ticker = t.holdings.fundStakes[i].ticker
                    event(.forcedSale, ticker, usd: usd, btc: sold * btcPerFundShare[i], .fundSharesSold(shares: sold))
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
        let sold: Double, usd: Double, net: Double
        if let impact = sim.impact {
            // The units are solved for: each extra unit fills lower (DESIGN §6.1), and no
            // more than the participation cap leaves today.
            let volume = impact.volume(onDay: day, conditions)
            let already = soldToday ? today.btcSold * price : 0
            let limit = max(0, min(btcFree * price, impact.maxParticipation * volume - already))
            let sale = impact.sale(raising: need, already: already, limit: limit, volume: volume,
                                   slippage: policy.btcSaleSlippage)
            guard sale.marketValue > 0 else { return (0, 0) }
            sold = min(btcFree, sale.marketValue / price)
            usd = sale.proceeds
            net = usd / sold
        } else {
            net = price * (1 - policy.btcSaleSlippage)
            sold = min(btcFree, need / net)
            usd = sold * net
        }
        btcFree -= sold
        recordTreasurySale(btc: sold, usd: usd)
        event(.forcedSale, "BTC", usd: usd, btc: sold, .bitcoinSold(netPrice: net))
        return (usd, sold)
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
