import Foundation

/// The assets a treasury holds at its as-of date.
public struct Holdings: Sendable, Equatable {
    /// BTC held directly, in BTC, including any pledged as loan collateral.
    public var bitcoinUnits: Double
    /// What the BTC cost, in USD (for reporting unrealised gains).
    public var costBasisUSD: Double
    /// Unrestricted cash in USD.
    public var cashUSD: Double
    /// A USD reserve set aside for named uses.
    public var reserve: CashReserve
    /// Shares of spot-BTC funds (IBIT and the like).
    public var fundStakes: [FundStake]

    /// Creates holdings.
    public init(bitcoinUnits: Double, costBasisUSD: Double = 0, cashUSD: Double = 0,
                reserve: CashReserve = CashReserve(), fundStakes: [FundStake] = []) {
        self.bitcoinUnits = bitcoinUnits
        self.costBasisUSD = costBasisUSD
        self.cashUSD = cashUSD
        self.reserve = reserve
        self.fundStakes = fundStakes
    }
}

/// A cash reserve, in USD, that may be spent only on the listed uses (Strategy's USD reserve
/// covers dividends and interest).
public struct CashReserve: Sendable, Equatable {
    /// Balance in USD.
    public var usd: Double
    /// What the reserve may pay.
    public var uses: Set<ObligationKind.Use>

    /// Creates a reserve.
    public init(usd: Double = 0, uses: Set<ObligationKind.Use> = [.dividends, .interest]) {
        self.usd = usd
        self.uses = uses
    }
}

/// A stake in a spot-BTC fund (for example IBIT): shares, each backed by a quantity of BTC that
/// decays by the fund's expense ratio.
public struct FundStake: Sendable, Equatable, Identifiable {
    /// Identifier used by loans that pledge it.
    public var id: String
    /// Ticker (display).
    public var ticker: String
    /// Shares held, free and pledged.
    public var shares: Double
    /// BTC per share at the as-of date, in BTC.
    public var btcPerShare: Double
    /// Annual expense ratio (0.0025 = 0.25 %), deducted from BTC per share continuously.
    public var expenseRatio: Double
    /// Market price premium to NAV (negative for a discount), as a fraction.
    public var premium: Double
    /// What selling its shares costs, as a fraction of their market price (commission and spread
    /// on a liquid ETF: default 0). Fund shares sell at the fund's price, not at BTC's slippage.
    public var saleCost: Double
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a fund stake.
    public init(id: String, ticker: String, shares: Double, btcPerShare: Double, expenseRatio: Double,
                premium: Double = 0, saleCost: Double = 0, location: SourceLocation? = nil) {
        self.id = id
        self.saleCost = saleCost
        self.ticker = ticker
        self.shares = shares
        self.btcPerShare = btcPerShare
        self.expenseRatio = expenseRatio
        self.premium = premium
        self.location = location
    }

    /// BTC per share after `days` calendar days of fee accrual: b₀·(1 − ER)^(days/365).
    public func btcPerShare(afterDays days: Int) -> Double {
        btcPerShare * Self.feeDecay(expenseRatio: expenseRatio, days: days)
    }

    /// The fraction of BTC per share left after `days` days at an annual expense ratio.
    public static func feeDecay(expenseRatio: Double, days: Int) -> Double {
        exp(log1p(-expenseRatio) * Double(days) / 365)
    }
}
