import Foundation
import StressEngine

extension ArithmeticBound {
    /// The arithmetic bound with four paths in SIMD lanes: what an engine that steps paths four at
    /// a time could reach at best, so the case for building one rests on a figure. Each path keeps
    /// its own walk, as the floor's (its Philox stream, ziggurat and scalar `exp`: a vector `exp`
    /// rounds differently, and results must not change); the day's arithmetic (equity model,
    /// prefunding, soft-call rings, LTVs, covenant ratios) runs on the four together, each division
    /// and root one instruction for four paths. Paths are taken in groups of four (a last partial
    /// group is filled with the next indices and counted as work done).
    @discardableResult
    func runLanes(model: CompiledPriceModel, seed: UInt64, paths: Int, days: Int, jobs: Int) -> Double {
        typealias Lanes = SIMD4<Double>
        let sums = LockedSums(count: jobs)
        let groups = (paths + 3) / 4
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            var sum = 0.0
            var group = worker
            let calls = callThresholds.count, loans = securedPrincipal.count
            let ring = UnsafeMutablePointer<SIMD4<Int64>>.allocate(capacity: max(1, calls * 30))
            let counts = UnsafeMutablePointer<SIMD4<Int64>>.allocate(capacity: max(1, calls))
            // Each lane's walk drawn whole, as a Monte Carlo run draws it.
            let walks = UnsafeMutablePointer<Double>.allocate(capacity: 4 * (days + 1))
            defer { ring.deallocate(); counts.deallocate(); walks.deallocate() }
            let held = btc + fundBTC.reduce(0, +)
            let zero = Lanes(repeating: 0), one = SIMD4<Int64>(repeating: 1), none = SIMD4<Int64>(repeating: 0)
            while group < groups {
                let first = UInt64(group * 4)
                for lane in 0..<4 {
                    var path = MonteCarloPath(model: model, seed: seed, index: first + UInt64(lane), start: startPrice)
                    path.draw(into: walks + lane * (days + 1), days: days + 1)
                }
                let (w0, w1, w2, w3) = (walks, walks + (days + 1), walks + 2 * (days + 1), walks + 3 * (days + 1))
                var shares = Lanes(repeating: self.shares), claims = Lanes(repeating: self.claims)
                var liquidity = Lanes(repeating: self.liquidity)
                var cursor = 0
                var flags = SIMDMask<SIMD4<Int64>>(repeating: false)
                ring.initialize(repeating: none, count: calls * 30)
                counts.initialize(repeating: none, count: calls)
                for day in 0...days {
                    let price = Lanes(startPrice * exp(w0[day]), startPrice * exp(w1[day]),
                                      startPrice * exp(w2[day]), startPrice * exp(w3[day]))
                    let nav = held * price
                    if readsEquity {
                        let ratio = price / startPrice
                        let scale: Lanes = elasticity == 1 ? ratio : elasticity == 0.5 ? ratio.squareRoot()
                            : elasticity == 0 ? Lanes(repeating: 1)
                            : Lanes(pow(ratio[0], elasticity), pow(ratio[1], elasticity), pow(ratio[2], elasticity), pow(ratio[3], elasticity))
                        let modelMNAV = pointwiseMin(pointwiseMax(startMNAV * scale, Lanes(repeating: floor)), Lanes(repeating: cap))
                        let sharePrice = pointwiseMax(zero, modelMNAV * nav - claims) / shares
                        let mnav = (sharePrice * shares + claims) / nav
                        if day % 30 < prefundDays {
                            let issues = (mnav .>= atmMinMNAV) .& (sharePrice .> 0)
                            shares.replace(with: shares + prefundUSD / (sharePrice * (1 - atmDiscount)), where: issues)
                            liquidity.replace(with: liquidity + prefundUSD, where: issues)
                            claims.replace(with: claims - prefundUSD, where: issues)
                        }
                        for k in 0..<calls {
                            let qualifies = none.replacing(with: one, where: sharePrice .>= callThresholds[k])
                            counts[k] &+= qualifies &- ring[k * 30 + cursor]
                            ring[k * 30 + cursor] = qualifies
                        }
                        cursor = cursor + 1 == 30 ? 0 : cursor + 1
                        flags .|= mnav .< 1
                        sum += sharePrice.sum()
                    }
                    for k in 0..<loans {
                        flags .|= securedPrincipal[k] / (securedCollateralBTC[k] * price) .> 0.65
                    }
                    for k in 0..<ratioCovenants {
                        flags .|= debtAndPreferred / (nav + Double(k)) .> 0.5
                    }
                    flags .|= liquidity .< 0
                }
                sum += Double(none.replacing(with: one, where: flags).wrappedSum() + (calls > 0 ? counts[0].wrappedSum() : 0))
                group += jobs
            }
            sums.set(worker, sum)
        }
        return sums.total
    }
}
