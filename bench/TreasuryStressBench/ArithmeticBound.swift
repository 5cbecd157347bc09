import Foundation
import StressEngine
import TreasuryModel

/// The least a scalar engine must compute per path-day for a treasury, one path at a time: the
/// floor's walk plus the arithmetic the treasury's days read whatever happens, and nothing else (no
/// payment, waterfall, event, record or fan). A bound, not a model, so issue 10's targets can be
/// set against what the arithmetic itself costs. Each day:
/// - the equity model, when something reads it daily (ATM prefunding, an mNAV covenant, soft calls,
///   an mNAV-gated policy): price ratio, the mNAV power, the clamp, market cap, share price and
///   mNAV, three divisions and a root each waiting on the one before;
/// - ATM prefunding on `prefundDays` of every 30 while mNAV allows (a division for the shares);
/// - every soft-call ring;
/// - each loan's and secured note's LTV and each ratio covenant (a division each);
/// - each fund stake's BTC (a table read in the engine; a constant here).
struct ArithmeticBound {
    let btc, shares, claims, liquidity, debtAndPreferred, monthlyCharges: Double
    let startPrice, startMNAV, elasticity, floor, cap: Double
    let readsEquity: Bool
    let atmMinMNAV, atmDiscount, prefundUSD: Double
    let prefundDays: Int
    let callThresholds: [Double]
    /// Per loan or secured note: principal and collateral in BTC (a fund stake's shares × BTC per share).
    let securedPrincipal: [Double]
    let securedCollateralBTC: [Double]
    let ratioCovenants: Int
    let fundBTC: [Double]

    init(_ treasury: Treasury) {
        btc = treasury.holdings.bitcoinUnits
        shares = treasury.equity.sharesOutstanding
        liquidity = treasury.holdings.cashUSD + treasury.holdings.reserve.usd
        debtAndPreferred = treasury.debtUSD + treasury.preferredUSD
        claims = debtAndPreferred - liquidity
        monthlyCharges = max(1, treasury.preferreds.reduce(0) { $0 + $1.notional * $1.rate }
            + treasury.convertibleNotes.reduce(0) { $0 + $1.principal * $1.coupon }
            + treasury.loans.reduce(0) { $0 + $1.principal * $1.rate }) / 12
        startPrice = treasury.market.btcPrice
        startMNAV = TreasurySimulator(treasury: treasury, horizonDays: 0).startMNAV
        if case .mnav(let e, let f, let c) = treasury.equity.model { (elasticity, floor, cap) = (e, f, c) } else { (elasticity, floor, cap) = (1, 0, .infinity) }
        let policy = treasury.policy
        prefundDays = treasury.equity.atm == nil ? 0 : policy.prefundDays
        callThresholds = treasury.convertibleNotes.compactMap { note in note.issuerCall.map { $0.triggerRatio * note.conversionPrice } }
        readsEquity = prefundDays > 0 || !callThresholds.isEmpty || treasury.covenants.contains { $0.metric == .mnav }
            || policy.accumulate != nil || policy.buyback != nil
        atmMinMNAV = treasury.equity.atm?.minMNAV ?? .infinity
        atmDiscount = treasury.equity.atm?.discount ?? 0
        prefundUSD = monthlyCharges / Double(max(1, policy.prefundDays))
        let stakes = treasury.holdings.fundStakes
        fundBTC = stakes.map { $0.shares * $0.btcPerShare }
        securedPrincipal = treasury.loans.map(\.principal) + treasury.convertibleNotes.filter { $0.security != nil }.map(\.principal)
        securedCollateralBTC = treasury.loans.map { loan in
            switch loan.collateral {
            case .bitcoin(let units): return units
            case .fundShares(let id, let count): return count * (stakes.first { $0.id == id }?.btcPerShare ?? 0)
            }
        } + treasury.convertibleNotes.compactMap { $0.security?.collateralBTC }
        ratioCovenants = treasury.covenants.filter { ![.mnav, .liquidityUSD].contains($0.metric) }.count
    }

    /// Runs `paths` paths of `days` days on `jobs` threads; returns a checksum so nothing is skipped.
    @discardableResult
    func run(model: CompiledPriceModel, seed: UInt64, paths: Int, days: Int, jobs: Int) -> Double {
        let sums = LockedSums(count: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            var sum = 0.0
            var index = worker
            // Unchecked buffers: a bound should not pay for bounds checks.
            let calls = callThresholds.count, loans = securedPrincipal.count, stakes = fundBTC.count
            let ring = UnsafeMutablePointer<Bool>.allocate(capacity: max(1, calls * 30))
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: max(1, calls))
            let constants = UnsafeMutablePointer<Double>.allocate(capacity: max(1, calls + 2 * loans + stakes))
            let walk = UnsafeMutablePointer<Double>.allocate(capacity: days + 1)
            defer { ring.deallocate(); counts.deallocate(); constants.deallocate(); walk.deallocate() }
            for k in 0..<calls { constants[k] = callThresholds[k] }
            for k in 0..<loans { constants[calls + 2 * k] = securedPrincipal[k]; constants[calls + 2 * k + 1] = securedCollateralBTC[k] }
            for k in 0..<stakes { constants[calls + 2 * loans + k] = fundBTC[k] }
            while index < paths {
                // The walk drawn whole, as a Monte Carlo run draws it.
                var path = MonteCarloPath(model: model, seed: seed, index: UInt64(index), start: startPrice)
                path.draw(into: walk, days: days + 1)
                var shares = self.shares, claims = self.claims, liquidity = self.liquidity
                var cursor = 0, flags = 0
                ring.initialize(repeating: false, count: calls * 30)
                counts.initialize(repeating: 0, count: calls)
                for day in 0...days {
                    let price = startPrice * exp(walk[day])
                    var held = btc
                    for k in 0..<stakes { held += constants[calls + 2 * loans + k] }
                    let nav = held * price
                    if readsEquity {
                        let ratio = price / startPrice
                        // As the engine does: no `pow` for the exponents that need none.
                        let scale = elasticity == 1 ? ratio : elasticity == 0.5 ? ratio.squareRoot()
                            : elasticity == 0 ? 1 : pow(ratio, elasticity)
                        let modelMNAV = min(max(startMNAV * scale, floor), cap)
                        let sharePrice = max(0, modelMNAV * nav - claims) / shares
                        let mnav = (sharePrice * shares + claims) / nav
                        if day % 30 < prefundDays && mnav >= atmMinMNAV && sharePrice > 0 {
                            shares += prefundUSD / (sharePrice * (1 - atmDiscount))
                            liquidity += prefundUSD
                            claims -= prefundUSD
                        }
                        for k in 0..<calls {
                            let qualifies = sharePrice >= constants[k]
                            if ring[k * 30 + cursor] { counts[k] -= 1 }
                            ring[k * 30 + cursor] = qualifies
                            if qualifies { counts[k] += 1 }
                        }
                        cursor = cursor + 1 == 30 ? 0 : cursor + 1
                        if mnav < 1 { flags |= 1 }
                        sum += sharePrice
                    }
                    for k in 0..<loans where constants[calls + 2 * k] / (constants[calls + 2 * k + 1] * price) > 0.65 { flags |= 2 }
                    // The ratio covenants: one division each, independent of each other (the metrics
                    // differ; the cost does not).
                    for k in 0..<ratioCovenants where debtAndPreferred / (nav + Double(k)) > 0.5 { flags |= 4 }
                    if liquidity < 0 { flags |= 8 }
                }
                sum += Double(flags + (calls > 0 ? counts[0] : 0))
                index += jobs
            }
            sums.set(worker, sum)
        }
        return sums.total
    }
}
