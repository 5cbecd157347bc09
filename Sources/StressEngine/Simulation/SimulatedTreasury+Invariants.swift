import StressResults

extension SimulatedTreasury {
    /// The balance-sheet invariants that hold at the end of every day, as the broken ones (empty
    /// when the state is sound): no negative asset, claim, collateral or share count; direct BTC
    /// equals free plus pledged BTC and what was held at the start less what was sold; liquidity
    /// equals what it started at plus ATM proceeds, sale proceeds and operating receipts, less
    /// payments; the fund BTC kept is the stakes' count now. Debug builds (the tests) check it
    /// after every step, in the manner of swift-collections' `_checkInvariants`; release builds
    /// never call it on their own.
    public func invariantViolations() -> [String] {
        var broken: [String] = []
        func nonNegative(_ value: Double, _ what: String) {
            if !(value >= -1e-6) { broken.append("\(what) is negative (\(value))") }
        }
        nonNegative(btcFree, "free BTC")
        nonNegative(cash, "cash")
        nonNegative(reserve, "reserve")
        nonNegative(prefunded, "prefunded cash")
        nonNegative(shares, "shares outstanding")
        nonNegative(atmRemaining, "ATM capacity")
        for i in fundFree.indices { nonNegative(fundFree[i], "free fund shares \(i)") }
        for i in notePrincipal.indices { nonNegative(notePrincipal[i], "note principal \(i)") }
        for i in loanPrincipal.indices {
            nonNegative(loanPrincipal[i], "loan principal \(i)")
            nonNegative(loanCollateral[i], "loan collateral \(i)")
        }
        for i in prefNotional.indices {
            nonNegative(prefNotional[i], "preferred notional \(i)")
            nonNegative(prefArrears[i], "preferred arrears \(i)")
        }
        var pledgedBTC = 0.0
        for i in loanCollateral.indices where loanFundIndex[i] == nil { pledgedBTC += loanCollateral[i] }
        for collateral in noteCollateral { pledgedBTC += collateral }
        let btcScale = max(1, directBTCTotal)
        if abs(directBTCTotal - (btcFree + pledgedBTC)) > 1e-9 * btcScale {
            broken.append("direct BTC \(directBTCTotal) is not free \(btcFree) plus pledged \(pledgedBTC)")
        }
        var recount = self
        recount.refreshFundBTC()
        if recount.fundBTCTotal != fundBTCTotal {
            broken.append("fund BTC \(fundBTCTotal) is stale: the stakes now hold \(recount.fundBTCTotal)")
        }
        let sold = out.btcSoldByTreasury + out.btcSoldByLenders
        if abs(out.directBTCStart - sold + out.btcBought - directBTCTotal) > 1e-9 * max(btcScale, out.directBTCStart) {
            broken.append("direct BTC \(directBTCTotal) is not the start \(out.directBTCStart) less \(sold) sold plus \(out.btcBought) bought")
        }
        let l = out.ledger
        let expected = out.liquidityStart + l.atmProceeds + l.saleProceeds + l.operatingInflows - l.payments - l.purchases
        let cashScale = max(1, out.liquidityStart, l.atmProceeds, l.saleProceeds, l.payments)
        if abs(liquidity - expected) > 1e-9 * cashScale + 1e-3 {
            broken.append("liquidity \(liquidity) is not the start plus receipts less payments (\(expected))")
        }
        return broken
    }
}
