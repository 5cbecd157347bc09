import Foundation
import StressEngine
import TreasuryModel

/// The least a scalar engine must compute per path-day for a treasury whose equity, ATM, soft calls
/// and covenants are read every day (the Strategy-like example): the floor's walk plus, each day,
/// the equity model (price ratio, the mNAV power, the clamp, market cap, share price and mNAV: three
/// divisions and a root, each waiting on the one before), ATM prefunding on `prefundDays` of every
/// 30 while mNAV allows (a division for the shares issued), every soft-call ring, and the leverage,
/// liquidity-months and coverage divisions. No payment, waterfall, event, record or fan: a bound,
/// not a model, so issue 10's target can be set against what the arithmetic itself costs.
struct ArithmeticBound {
    let btc, shares, claims, liquidity, debtAndPreferred, monthlyCharges: Double
    let startPrice, startMNAV, elasticity, floor, cap: Double
    let atmMinMNAV, atmDiscount, prefundUSD: Double
    let prefundDays: Int
    let callThresholds: [Double]

    init(_ treasury: Treasury) {
        btc = treasury.holdings.bitcoinUnits
        shares = treasury.equity.sharesOutstanding
        liquidity = treasury.holdings.cashUSD + treasury.holdings.reserve.usd
        debtAndPreferred = treasury.debtUSD + treasury.preferredUSD
        claims = debtAndPreferred - liquidity
        monthlyCharges = max(1, treasury.preferreds.reduce(0) { $0 + $1.notional * $1.rate }
            + treasury.convertibleNotes.reduce(0) { $0 + $1.principal * $1.coupon }) / 12
        startPrice = treasury.market.btcPrice
        startMNAV = TreasurySimulator(treasury: treasury, horizonDays: 0).startMNAV
        if case .mnav(let e, let f, let c) = treasury.equity.model { (elasticity, floor, cap) = (e, f, c) } else { (elasticity, floor, cap) = (1, 0, .infinity) }
        atmMinMNAV = treasury.equity.atm?.minMNAV ?? .infinity
        atmDiscount = treasury.equity.atm?.discount ?? 0
        prefundUSD = monthlyCharges / Double(max(1, treasury.policy.prefundDays))
        prefundDays = treasury.policy.prefundDays
        callThresholds = treasury.convertibleNotes.compactMap { note in note.issuerCall.map { $0.triggerRatio * note.conversionPrice } }
    }

    /// Runs `paths` paths of `days` days on `jobs` threads; returns a checksum so nothing is skipped.
    @discardableResult
    func run(model: CompiledPriceModel, seed: UInt64, paths: Int, days: Int, jobs: Int) -> Double {
        let sums = LockedSums(count: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            var sum = 0.0
            var index = worker
            // Unchecked buffers: a bound should not pay for bounds checks.
            let calls = callThresholds.count
            let ring = UnsafeMutablePointer<Bool>.allocate(capacity: max(1, calls * 30))
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: max(1, calls))
            let thresholds = UnsafeMutablePointer<Double>.allocate(capacity: max(1, calls))
            defer { ring.deallocate(); counts.deallocate(); thresholds.deallocate() }
            for k in 0..<calls { thresholds[k] = callThresholds[k] }
            while index < paths {
                var path = MonteCarloPath(model: model, seed: seed, index: UInt64(index), start: startPrice)
                var shares = self.shares, claims = self.claims, liquidity = self.liquidity
                var cursor = 0, breaches = 0
                ring.initialize(repeating: false, count: calls * 30)
                counts.initialize(repeating: 0, count: calls)
                for day in 0...days {
                    let price = path.price(onDay: day, after: nil)
                    let nav = btc * price
                    let scale = elasticity == 0.5 ? (price / startPrice).squareRoot() : pow(price / startPrice, elasticity)
                    let modelMNAV = min(max(startMNAV * scale, floor), cap)
                    let sharePrice = max(0, modelMNAV * nav - claims) / shares
                    let mnav = (sharePrice * shares + claims) / nav
                    if day % 30 < prefundDays && mnav >= atmMinMNAV && sharePrice > 0 {
                        shares += prefundUSD / (sharePrice * (1 - atmDiscount))
                        liquidity += prefundUSD
                        claims -= prefundUSD
                    }
                    for k in 0..<calls {
                        let qualifies = sharePrice >= thresholds[k]
                        if ring[k * 30 + cursor] { counts[k] -= 1 }
                        ring[k * 30 + cursor] = qualifies
                        if qualifies { counts[k] += 1 }
                    }
                    cursor = cursor + 1 == 30 ? 0 : cursor + 1
                    if liquidity / monthlyCharges < 12 { breaches |= 1 }
                    if debtAndPreferred / nav > 0.5 { breaches |= 2 }
                    if mnav < 1 { breaches |= 4 }
                    if nav / debtAndPreferred < 2 { breaches |= 8 }
                    sum += sharePrice
                }
                sum += Double(breaches + (calls > 0 ? counts[0] : 0))
                index += jobs
            }
            sums.set(worker, sum)
        }
        return sums.total
    }
}
