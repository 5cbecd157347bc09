import Foundation
import TreasuryModel
import StressResults

/// A treasury's price impact (DESIGN §6.1) as the daily loop reads it.
struct ImpactTerms: Sendable {
    /// Y·σ_d: the log-price impact of selling one day's whole volume.
    let scale: Double
    /// φ, the part of each day's impact that never decays.
    let permanent: Double
    /// Per-day decay of the transient part: 2^(−1/halfLife).
    let decay: Double
    /// The largest share of a day's volume sold in a day.
    let maxParticipation: Double
    /// Usual daily BTC volume, USD.
    let volumeUSD: Double

    /// σ_d when the treasury gives none: the built-in annual volatility / √365.
    static let defaultDailyVolatility = Calibration.btcVolatility / 365.0.squareRoot()

    init(_ impact: PriceImpact, volumeUSD: Double) {
        let sigma = impact.dailyVolatility ?? ImpactTerms.defaultDailyVolatility
        scale = impact.coefficient * sigma
        permanent = impact.permanentFraction
        decay = pow(2, -1 / impact.halfLifeDays)
        maxParticipation = impact.maxParticipation
        self.volumeUSD = volumeUSD
    }

    /// The day's volume in USD under the scenario's volume shock.
    @inline(__always)
    func volume(onDay day: Int, _ conditions: ScenarioConditions) -> Double {
        guard let days = conditions.volumeShockDays, days.contains(day) else { return volumeUSD }
        return volumeUSD * (1 + conditions.volumeShock)
    }

    /// I = Y·σ_d·√(Q/V): the log-price move of selling `sold` USD on a day of `volume` USD.
    @inline(__always)
    func impact(sold: Double, volume: Double) -> Double {
        sold > 0 && volume > 0 ? scale * (sold / volume).squareRoot() : 0
    }

    /// Net USD a seller receives for the day's first `sold` USD of BTC (at the market price before
    /// impact): the average fill of a square-root metaorder, Q·(1 − s)·(1 − ⅔·I(Q)).
    @inline(__always)
    func proceeds(sold: Double, volume: Double, slippage: Double) -> Double {
        sold * (1 - slippage) * (1 - 2.0 / 3.0 * impact(sold: sold, volume: volume))
    }

    /// The sale that raises `need` USD after `already` (USD at market) sold today, at most
    /// `limit` at market: its market value and the proceeds it adds. Proceeds increase with the
    /// amount sold up to the limit (an impact of 100 % is far beyond any participation cap), so
    /// bisection finds it; a need beyond the limit sells the limit.
    func sale(raising need: Double, already: Double, limit: Double, volume: Double,
              slippage: Double) -> (marketValue: Double, proceeds: Double) {
        guard need > 0, limit > 0 else { return (0, 0) }
        let base = proceeds(sold: already, volume: volume, slippage: slippage)
        func added(_ q: Double) -> Double { proceeds(sold: already + q, volume: volume, slippage: slippage) - base }
        if added(limit) <= need { return (limit, added(limit)) }
        var low = 0.0, high = limit
        for _ in 0..<100 {
            let mid = (low + high) / 2
            if added(mid) < need { low = mid } else { high = mid }
            if high - low <= high * 1e-15 { break }
        }
        return (high, added(high))
    }
}

/// The impact carried from earlier days (DESIGN §6.1): Σ_s I_s·(φ + (1−φ)·2^(−(t−s)/h)) as a
/// permanent sum and a transient sum that decays each day, in log price.
struct ImpactMemory {
    var permanentSum = 0.0
    var transientSum = 0.0

    /// The log-price offset today.
    var offset: Double { permanentSum + transientSum }

    /// Moves to the next day after a day whose sales moved the price by `impact`.
    mutating func close(day impact: Double, _ terms: ImpactTerms) {
        permanentSum += terms.permanent * impact
        transientSum = (transientSum + (1 - terms.permanent) * impact) * terms.decay
    }
}

/// A price source whose next day answers to the day's sales (DESIGN §6.1):
/// ln P_{t+1} = ln P^exo_{t+1} − Σ_{s≤t} I_s·(φ + (1−φ)·2^(−(t+1−s)/h)), carried as a permanent
/// sum and a transient sum that decays each day.
struct ImpactedPrices<Exogenous: BTCPriceSource>: BTCPriceSource {
    var exogenous: Exogenous
    let terms: ImpactTerms
    let conditions: ScenarioConditions
    /// The impact of the days before.
    var memory = ImpactMemory()
    /// Today's exogenous price, USD (the path before impact, reported beside the realised one).
    var lastExogenous = 0.0

    static var answersToSales: Bool { true }
    var exogenousToday: Double? { lastExogenous }

    mutating func price(onDay day: Int, after previousDay: DayFlows?) -> Double {
        let exo = exogenous.price(onDay: day, after: nil)
        lastExogenous = exo
        if let previous = previousDay, day > 0 {
            let sold = previous.btcSold * previous.btcPrice
            memory.close(day: terms.impact(sold: sold, volume: terms.volume(onDay: day - 1, conditions)), terms)
        } else {
            memory.close(day: 0, terms)
        }
        let offset = memory.offset
        return offset == 0 ? exo : exo * exp(-offset)
    }
}
