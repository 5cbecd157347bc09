import Foundation

/// The mNAV model's multiple as the quiet days read it: M(u) = clamp(m₀ · u^e, floor, cap) at
/// u = P / P₀ (today's BTC price over the as-of price), so the market cap is M(u) · NAV − claims
/// or zero. Its kinks are worked out once per simulator: the bands are drawn after every busy day
/// and would otherwise take a `pow` or two each time.
struct MNAVCurve: Sendable {
    /// m₀ (as-of mNAV), the elasticity e, the floor and the cap (multiples of BTC NAV).
    let m0: Double
    let elasticity: Double
    let floor: Double
    let cap: Double
    /// M(u) · u where M reaches its floor and where it reaches its cap (NaN where M is constant).
    let floorKink: Double
    let capKink: Double

    init(m0: Double, elasticity: Double, floor: Double, cap: Double) {
        (self.m0, self.elasticity, self.floor, self.cap) = (m0, elasticity, floor, cap)
        if elasticity > 0 && m0 > 0 && floor <= cap {
            floorKink = floor > 0 ? floor * pow(floor / m0, 1 / elasticity) : 0
            capKink = cap * pow(cap / m0, 1 / elasticity)
        } else {
            (floorKink, capKink) = (.nan, .nan)
        }
    }

    /// M at every u when it does not move with the price (no elasticity, an as-of mNAV of zero or
    /// below, or a floor above the cap); nil when it does.
    var constant: Double? {
        if floor > cap { return cap }
        if elasticity == 0 { return min(max(m0, floor), cap) }
        if m0 <= 0 { return min(floor, cap) }
        return nil
    }

    /// ln u at which M(u) · u reaches `r` (> 0), rising through it for e ≥ 0: on the floor, the
    /// slope (m₀ · u^(e+1) = r) or the cap. +∞ where M is zero; NaN for a negative elasticity.
    func lnU(whereMTimesUReaches r: Double) -> Double {
        guard elasticity >= 0 else { return .nan }
        if let m = constant { return m > 0 ? log(r / m) : .infinity }
        if r <= floorKink { return log(r / floor) }
        if r >= capKink { return cap > 0 ? log(r / cap) : .infinity }
        return log(r / m0) / (elasticity + 1)
    }

    /// The u below which M(u) < `level` and at or above which M(u) ≥ `level`: 0 where M is below
    /// it at no price, +∞ where at every price, NaN where no such u can be given (a negative
    /// elasticity with the level above the floor).
    func u(belowWhichUnder level: Double) -> Double {
        if let m = constant { return m < level ? .infinity : 0 }
        // M moves between the floor and the cap.
        if floor >= level { return 0 }
        guard elasticity > 0 else { return .nan }
        return cap < level ? .infinity : pow(level / m0, 1 / elasticity)
    }
}
