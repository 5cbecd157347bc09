/// How long the treasury pays every obligation with capital markets closed from day 1: no ATM
/// issuance, no accumulation, no refinancing (issue 9; the survival period liquidity supervisors
/// ask for, DNB: at least 6 months with no access to funding markets).
public struct SurvivalPeriod: Sendable, Equatable {
    /// Day of the first missed payment with markets closed; nil when every payment is made over
    /// the horizon.
    public var firstDefaultDay: Int?
    /// That missed payment (what ran short, on which date), nil when none.
    public var missed: SimulationEvent?
    /// BTC sold (by the treasury and its lenders, fund BTC included) with markets closed, BTC.
    public var btcSold: Double

    /// Creates a survival period.
    public init(firstDefaultDay: Int?, missed: SimulationEvent? = nil, btcSold: Double = 0) {
        self.firstDefaultDay = firstDefaultDay
        self.missed = missed
        self.btcSold = btcSold
    }

    /// Supervisors' bands: under 6 months red, under 24 amber, else green (in days: 182 and 730).
    public enum Band: String, Sendable {
        case red, amber, green
    }

    /// The band of a survival of `days` (nil: every payment made over a horizon of `horizonDays`).
    public static func band(days: Int?, horizonDays: Int) -> Band {
        let survived = days ?? horizonDays
        if survived < 182 { return days == nil ? .amber : .red }
        if survived < 730 { return .amber }
        return .green
    }
}
