/// What falls due in one calendar year, USD (contractual, before any settlement in stock).
public struct MaturityWallYear: Sendable, Equatable {
    /// The calendar year and what falls due in it, USD.
    public var year: Int
    public var principalUSD: Double
    public var interestUSD: Double
    public var dividendsUSD: Double
    /// Creates a year.
    public init(year: Int, principalUSD: Double, interestUSD: Double, dividendsUSD: Double) {
        self.year = year
        self.principalUSD = principalUSD
        self.interestUSD = interestUSD
        self.dividendsUSD = dividendsUSD
    }
}
