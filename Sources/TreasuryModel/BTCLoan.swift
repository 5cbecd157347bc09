/// A loan secured by BTC or by spot-fund shares, with a margin call and a liquidation threshold
/// on its loan-to-value.
public struct BTCLoan: Sendable, Equatable, Identifiable {
    /// Identifier (for example "loan-a").
    public var id: String
    /// Principal outstanding, in USD.
    public var principal: Double
    /// Annual interest rate, actual/365, paid monthly in arrears.
    public var rate: Double
    /// Whether the rate floats (a scenario's rate shift applies).
    public var floating: Bool
    /// Maturity: principal falls due.
    public var maturity: CalendarDate
    /// What is pledged.
    public var collateral: Collateral
    /// LTV at or above which the lender calls for more collateral.
    public var marginCallLTV: Double
    /// LTV at or above which the lender sells the collateral.
    public var liquidationLTV: Double
    /// Days the borrower has to cure a margin call.
    public var cureDays: Int
    /// LTV a cure restores.
    public var targetLTV: Double
    /// Claim rank: 1 is most senior.
    public var seniority: Int
    /// A default or acceleration elsewhere accelerates this loan.
    public var crossDefault: Bool
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a loan.
    public init(id: String, principal: Double, rate: Double, floating: Bool = false, maturity: CalendarDate,
                collateral: Collateral, marginCallLTV: Double, liquidationLTV: Double, cureDays: Int = 2,
                targetLTV: Double, seniority: Int = 1, crossDefault: Bool = false, location: SourceLocation? = nil) {
        self.id = id
        self.principal = principal
        self.rate = rate
        self.floating = floating
        self.maturity = maturity
        self.collateral = collateral
        self.marginCallLTV = marginCallLTV
        self.liquidationLTV = liquidationLTV
        self.cureDays = cureDays
        self.targetLTV = targetLTV
        self.seniority = seniority
        self.crossDefault = crossDefault
        self.location = location
    }

    /// BTC price at which an instant shock first triggers the margin call (BTC collateral):
    /// principal / (collateral BTC · marginCallLTV).
    public var marginCallPrice: Double? {
        guard case .bitcoin(let units) = collateral, units > 0 else { return nil }
        return principal / (units * marginCallLTV)
    }

    /// BTC price at which an instant shock triggers liquidation (BTC collateral):
    /// principal / (collateral BTC · liquidationLTV).
    public var liquidationPrice: Double? {
        guard case .bitcoin(let units) = collateral, units > 0 else { return nil }
        return principal / (units * liquidationLTV)
    }
}

/// What secures a loan.
public enum Collateral: Sendable, Equatable {
    /// BTC units pledged from the treasury's holdings.
    case bitcoin(Double)
    /// Shares of a fund stake (by its id) pledged.
    case fundShares(stakeID: String, shares: Double)
}
