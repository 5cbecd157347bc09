/// The equity model's scale (P / P₀)^exponent (DESIGN §3.2: the mNAV's or the share price's move
/// with BTC), remembered day by day for the probability map's cells that start at the same BTC
/// price and walk the same path, whose ratio P / P₀ on a day is then the same to the bit: the first
/// cell to price the day works out the power (a `pow` of about a hundred instructions), the others
/// read it. Not used where the power is x, √x or 1 (`SimulatedTreasury.powerTakesPow`), which
/// cost less than reading it.
///
/// Each day's slot keeps the ratio its power was worked out for and answers only that ratio, so
/// what a cell reads is always the power of its own ratio, whichever cells ran before it; every
/// cell that shares a memo must have the same exponent (the map's cells all restart one treasury).
/// Nothing needs forgetting between walks: another walk's ratio on a day is another ratio. Owned by
/// one map worker.
final class EquityScaleMemo: @unchecked Sendable {
    /// Days remembered (horizon + 1).
    let days: Int
    /// Day d's ratio at `slots[2d]` (NaN: none yet) and its power at `slots[2d + 1]`.
    let slots: UnsafeMutablePointer<Double>

    /// An empty memo for days 0…`horizonDays`.
    init(horizonDays: Int) {
        days = max(0, horizonDays) + 1
        slots = .allocate(capacity: 2 * days)
        slots.initialize(repeating: .nan, count: 2 * days)
    }

    deinit { slots.deallocate() }

    /// What a path's state reads the memo through (a value: no reference counting per path).
    var slotsView: EquityScaleSlots { EquityScaleSlots(slots: slots, lastDay: days - 1) }
}

/// A path's view of an `EquityScaleMemo`.
struct EquityScaleSlots {
    let slots: UnsafeMutablePointer<Double>
    let lastDay: Int

    /// `ratio`^`exponent` for `day`: the one remembered for that day if it was worked out for
    /// this very ratio, else `power(ratio, exponent)`, remembered.
    @inline(__always)
    func scale(_ ratio: Double, _ exponent: Double, day: Int, power: (Double, Double) -> Double) -> Double {
        let slot = slots + 2 * min(max(day, 0), lastDay)
        if slot[0].bitPattern == ratio.bitPattern && !ratio.isNaN { return slot[1] }
        let scale = power(ratio, exponent)
        slot[0] = ratio
        slot[1] = scale
        return scale
    }
}
