/// The equity model's scale (P / P₀)^exponent (DESIGN §3.2) for every day of one walk from one
/// starting price, worked out before the probability map's cells of that price column run the
/// walk, for an exponent whose power is x, √x or 1 (`SimulatedTreasury.powerTakesPow` false; the
/// others' powers are remembered as cells work them out, `EquityScaleMemo`).
///
/// A cell then reads its day's scale instead of dividing the price by P₀ and taking the root: the
/// two stood at the head of the day's chain of dependent divisions (the share price, then the
/// mNAV), which a lean prefunding day waits on. Each day's slot keeps the price it was worked out
/// for and answers only that price, so a cell whose own sales moved its price (price impact)
/// works its scale out itself. Owned by one map worker; refilled for each walk and column.
final class EquityScaleTable: @unchecked Sendable {
    /// Days held (horizon + 1).
    let days: Int
    /// Day d's price (USD) at `slots[2d]` (NaN: none) and its scale at `slots[2d + 1]`.
    let slots: UnsafeMutablePointer<Double>
    /// The starting price (USD) and exponent of the last fill (NaN before the first).
    private(set) var startPrice = Double.nan
    private(set) var exponent = Double.nan

    /// An empty table for days 0…`horizonDays`.
    init(horizonDays: Int) {
        days = max(0, horizonDays) + 1
        slots = .allocate(capacity: 2 * days)
        slots.initialize(repeating: .nan, count: 2 * days)
    }

    deinit { slots.deallocate() }

    /// Fills every day of `walk` with its price and `power(price / startPrice, exponent)`, the
    /// expression `SimulatedTreasury.mnavModelScale` evaluates (√x, the examples' elasticity, in a
    /// loop of its own: the power's switch is left out of the loop).
    func fill(_ walk: GrownWalk, startPrice: Double, exponent: Double) {
        self.startPrice = startPrice
        self.exponent = exponent
        if exponent == 0.5 {
            fill(walk, startPrice: startPrice) { $0.squareRoot() }
        } else {
            fill(walk, startPrice: startPrice) { SimulatedTreasury.power($0, exponent) }
        }
    }

    @inline(__always)
    private func fill(_ walk: GrownWalk, startPrice: Double, power: (Double) -> Double) {
        for day in 0..<min(days, walk.days) {
            let price = walk.price(onDay: day, atLogReturn: walk.logReturn(onDay: day))
            slots[2 * day] = price
            slots[2 * day + 1] = power(price / startPrice)
        }
    }

    /// What a path's state over days 0…`horizonDays` reads the table through, when the table was
    /// filled for its starting price and exponent and holds every one of those days (nil
    /// otherwise: the state works its scales out).
    func view(startPrice: Double, exponent: Double, horizonDays: Int) -> EquityScaleByDay? {
        guard startPrice.bitPattern == self.startPrice.bitPattern, exponent.bitPattern == self.exponent.bitPattern,
              horizonDays < days else {
            return nil
        }
        return EquityScaleByDay(slots: slots, lastDay: days - 1)
    }
}

/// A path's view of an `EquityScaleTable` (a value: no reference counting per path).
struct EquityScaleByDay {
    let slots: UnsafeMutablePointer<Double>
    let lastDay: Int

    /// `day`'s scale when the table holds it for `price` (USD), else nil. `day` lies within the
    /// horizon of the path reading it, which the table holds (`EquityScaleTable.view`).
    @inline(__always)
    func scale(day: Int, price: Double) -> Double? {
        assert(day >= 0 && day <= lastDay, "a day within the horizon")
        // `&*`: the day is within the table, so twice it cannot overflow (no check).
        let slot = slots + 2 &* day
        return slot[0].bitPattern == price.bitPattern ? slot[1] : nil
    }
}
