/// How the treasury's own sales move the BTC price (DESIGN §6.1): the square-root law of market
/// impact. A day's sales Q (USD at the day's price: the treasury's BTC sales, its lenders'
/// liquidations of its collateral, and fund-share sales, which reach BTC through redemptions)
/// move the log price by I = Y·σ_d·√(Q/V), V the day's BTC volume in USD. A share `permanent`
/// of I stays; the rest decays with a half-life. The seller's own fill is the average of a
/// square-root metaorder: P·(1 − slippage)·(1 − ⅔·I).
public struct PriceImpact: Sendable, Equatable {
    /// Y, the square-root law's prefactor (dimensionless). Default 1: the law holds on BTC/USD over
    /// four decades of metaorder size (Donier & Bonart 2015, arXiv 1412.4503) with Y of order one
    /// across markets; no published BTC value was found.
    public var coefficient: Double
    /// σ_d, BTC's daily volatility as a fraction; nil: the built-in calibration's annual
    /// volatility divided by √365.
    public var dailyVolatility: Double?
    /// φ, the share of each day's impact that never decays (0…1). Default 0.25: forced sales are
    /// uninformed flow, whose impact decays almost completely (Donier & Bonart 2015); a quarter
    /// is kept as a prudent floor.
    public var permanentFraction: Double
    /// The half-life of the transient part, in days. Default 3.
    public var halfLifeDays: Double
    /// The largest share of a day's volume this holder sells in a day (0…1]; what a payment needs
    /// beyond it is not raised that day. Default 0.1.
    public var maxParticipation: Double
    /// Where it is declared.
    public var location: SourceLocation?

    /// The defaults, as the schema states them.
    public static let defaultCoefficient = 1.0
    public static let defaultPermanentFraction = 0.25
    public static let defaultHalfLifeDays = 3.0
    public static let defaultMaxParticipation = 0.1

    /// Creates an impact model; omitted parameters take the defaults above.
    public init(coefficient: Double = PriceImpact.defaultCoefficient, dailyVolatility: Double? = nil,
                permanentFraction: Double = PriceImpact.defaultPermanentFraction,
                halfLifeDays: Double = PriceImpact.defaultHalfLifeDays,
                maxParticipation: Double = PriceImpact.defaultMaxParticipation) {
        self.coefficient = coefficient
        self.dailyVolatility = dailyVolatility
        self.permanentFraction = permanentFraction
        self.halfLifeDays = halfLifeDays
        self.maxParticipation = maxParticipation
    }
}
