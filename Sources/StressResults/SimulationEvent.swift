public import TreasuryModel

/// Something that happened on a simulated day: a payment, a sale, a call, a breach, a default.
/// Structured, with no wording: the board report words it (StressReports), the report XML
/// records its fields.
public struct SimulationEvent: Sendable, Equatable {
    /// Calendar day after the as-of date.
    public var day: Int
    /// What happened.
    public var kind: Kind
    /// The instrument, covenant or asset it concerns (for example "loan-a", "STRF", "BTC").
    public var ref: String
    /// USD involved (paid, raised, deferred, owed), 0 when none.
    public var amountUSD: Double
    /// BTC involved (sold, pledged), 0 when none.
    public var btc: Double
    /// Common shares issued, 0 when none.
    public var shares: Double
    /// BTC price that day, in USD.
    public var btcPrice: Double
    /// The particulars: how it was funded, what the metric was, why the lender sold.
    public var detail: Detail

    /// Creates an event.
    public init(day: Int, kind: Kind, ref: String, amountUSD: Double = 0, btc: Double = 0, shares: Double = 0,
                btcPrice: Double, detail: Detail = .none) {
        self.day = day
        self.kind = kind
        self.ref = ref
        self.amountUSD = amountUSD
        self.btc = btc
        self.shares = shares
        self.btcPrice = btcPrice
        self.detail = detail
    }

    /// Kinds of events, as they appear in the report XML.
    public enum Kind: String, Sendable, CaseIterable {
        case couponPaid, interestPaid, dividendPaid, dividendPaidInStock, dividendDeferred, dividendSkipped
        case conversion, put, maturity, repaidInStock, operatingCashFlow
        case forcedSale, marginCall, collateralPledged, marginCallCured, loanRepaid, liquidation
        case covenantBreach, covenantCured, acceleration, crossDefault, missedPayment
        case authorizedSharesExhausted
        /// Policy actions (DESIGN §7): the reserve refilled to its floor, BTC bought with ATM proceeds.
        case reserveRefilled, bitcoinBought
        /// The issuer called a note once its soft-call condition held.
        case issuerCall
        /// Policy actions (DESIGN §7): common shares bought back; a maturing note or loan rolled into a new one.
        case sharesBoughtBack, refinanced

        /// Whether a board should see it in red.
        public var isSevere: Bool {
            switch self {
            case .forcedSale, .liquidation, .missedPayment, .acceleration, .crossDefault: return true
            default: return false
            }
        }
    }

    /// The particulars of an event, by what happened.
    public enum Detail: Sendable, Equatable {
        /// Nothing beyond the kind (a deferred or skipped dividend, exhausted authorised shares).
        case none
        /// A payment made through the funding waterfall (coupon, interest, dividend, operating cost).
        case funded(FundingBreakdown)
        /// Operating cash received.
        case operatingCashReceived
        /// Fund shares (of the stake `ref`) sold through the waterfall.
        case fundSharesSold(shares: Double)
        /// BTC sold through the waterfall at this net price per BTC, USD (after slippage).
        case bitcoinSold(netPrice: Double)
        /// A covenant's metric crossed its limit.
        case covenantBreach(metric: CovenantMetric, value: Double, limit: CovenantLimit)
        /// A covenant's metric is back within its limit.
        case covenantCured(metric: CovenantMetric, value: Double)
        /// A note's principal or a loan falls due now; `funding` is how it was paid (nil for a loan,
        /// whose repayment is its own event).
        case accelerated(cause: AccelerationCause, funding: FundingBreakdown?)
        /// A preferred series must be redeemed now.
        case redemptionAccelerated(cause: AccelerationCause, funding: FundingBreakdown)
        /// Another instrument's default or breach made this one default too.
        case crossDefault(from: String)
        /// A loan's LTV reached its margin-call threshold; the borrower has `cureDays` days.
        case marginCall(ltv: Double, threshold: Double, cureDays: Int)
        /// A margin call ended: by the borrower's cure, or because the price recovered.
        case marginCallCured(ltv: Double, byPriceRecovery: Bool)
        /// Free BTC (the event's `btc`) pledged to a loan as collateral.
        case bitcoinPledged
        /// Fund shares of `ticker` pledged to a loan as collateral.
        case fundSharesPledged(shares: Double, ticker: String)
        /// Principal paid down to bring a called loan back to its target LTV.
        case paidDownToCure(FundingBreakdown)
        /// A loan repaid at maturity or on acceleration.
        case loanRepaid(FundingBreakdown)
        /// The lender sold collateral.
        case liquidation(LiquidationReason)
        /// Common shares delivered at this price per share, USD (a stock dividend, par repaid in stock).
        case sharesDelivered(pricePerShare: Double)
        /// A note converted and settled in shares (the event's `shares`).
        case convertedInStock
        /// A note converted and its conversion value paid in cash.
        case conversionPaidInCash(FundingBreakdown)
        /// A note converted: par paid in cash, the excess in shares (the event's `shares`).
        case conversionMixed(par: FundingBreakdown)
        /// A note's par repaid in cash at a holder put or maturity.
        case parRepaid(FundingBreakdown)
        /// A payment that could not be funded.
        case missed(MissedObligation)
        /// Common shares (the event's `shares`) bought back at this price per share, USD, for the
        /// event's USD; the event's `btc` is what was sold to pay (0 when paid from cash).
        case sharesBoughtBack(pricePerShare: Double)
        /// The principal (the event's USD) rolled into a new instrument at this annual rate, for this many years.
        case refinanced(rate: Double, termYears: Double)
    }
}

/// A covenant's limit: the metric must stay at or above a minimum, or at or below a maximum.
public enum CovenantLimit: Sendable, Equatable {
    case minimum(Double)
    case maximum(Double)
    case none
}

/// Why an instrument was made due early.
public enum AccelerationCause: Sendable, Equatable {
    /// The covenant with this id was breached and its consequence is acceleration.
    case covenant(String)
    /// The instrument or covenant with this id defaulted or accelerated, and this one cross-defaults.
    case crossDefault(from: String)
}

/// Why a lender sold collateral.
public enum LiquidationReason: Sendable, Equatable {
    /// The LTV reached the loan's liquidation threshold.
    case ltvReached(ltv: Double, liquidationLTV: Double)
    /// A margin call was not cured within this many days.
    case marginCallUncured(cureDays: Int)
}

/// The payment that could not be funded, as the report XML names it.
public enum MissedObligation: String, Sendable, CaseIterable {
    case coupon, loanInterest, operatingCosts, loanMaturity, acceleratedLoan, acceleratedPrincipal
    case acceleratedRedemption, deficiencyAfterLiquidation, cashConversion, conversionPar
    case conversionSharesBeyondAuthorised, holderPut, maturity
}

extension SimulationEvent.Detail {
    /// How the payment was funded, for the kinds of event that record it.
    public var funding: FundingBreakdown? {
        switch self {
        case .funded(let f), .paidDownToCure(let f), .loanRepaid(let f), .conversionPaidInCash(let f),
             .conversionMixed(let f), .parRepaid(let f), .redemptionAccelerated(_, let f):
            return f
        case .accelerated(_, let f):
            return f
        default:
            return nil
        }
    }
}
