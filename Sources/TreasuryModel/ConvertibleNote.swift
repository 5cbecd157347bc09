/// An unsecured convertible note: coupons, optional holder puts, and at maturity or a put
/// either conversion (if the stock is above the conversion price) or repayment of par.
public struct ConvertibleNote: Sendable, Equatable, Identifiable {
    /// Identifier (for example "2028").
    public var id: String
    /// Principal outstanding, in USD.
    public var principal: Double
    /// Annual coupon rate (0.00625 = 0.625 %).
    public var coupon: Double
    /// Coupons a year, paid every 12/n months counted back from maturity.
    public var couponsPerYear: Int
    /// Final maturity.
    public var maturity: CalendarDate
    /// Share price at which one note converts: shares per USD of principal = 1 / conversionPrice.
    public var conversionPrice: Double
    /// Dates on which holders may put the note at par.
    public var putDates: [CalendarDate]
    /// How the issuer settles a conversion.
    public var election: SettlementElection
    /// How par may be repaid when the note is put or matures out of the money.
    public var repayment: RepaymentForm
    /// Discount to the share price when par is repaid in stock.
    public var stockRepaymentDiscount: Double
    /// Claim rank: 1 is most senior; equal ranks share.
    public var seniority: Int
    /// A default or acceleration elsewhere accelerates this note.
    public var crossDefault: Bool
    /// The issuer's call with its soft-call condition; nil: not callable.
    public var issuerCall: IssuerCall?
    /// The BTC pledged to the note and its collateral test; nil: unsecured.
    public var security: NoteSecurity?
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a note.
    public init(id: String, principal: Double, coupon: Double, couponsPerYear: Int = 2, maturity: CalendarDate,
                conversionPrice: Double, putDates: [CalendarDate] = [], election: SettlementElection = .stock,
                repayment: RepaymentForm = .cash, stockRepaymentDiscount: Double = 0.05, seniority: Int = 2,
                crossDefault: Bool = false, issuerCall: IssuerCall? = nil, security: NoteSecurity? = nil,
                location: SourceLocation? = nil) {
        self.issuerCall = issuerCall
        self.security = security
        self.id = id
        self.principal = principal
        self.coupon = coupon
        self.couponsPerYear = couponsPerYear
        self.maturity = maturity
        self.conversionPrice = conversionPrice
        self.putDates = putDates
        self.election = election
        self.repayment = repayment
        self.stockRepaymentDiscount = stockRepaymentDiscount
        self.seniority = seniority
        self.crossDefault = crossDefault
        self.location = location
    }

    /// Shares issued if the whole note converts: principal / conversionPrice.
    public var conversionShares: Double { principal / conversionPrice }

    /// One coupon payment, in USD: principal · coupon / couponsPerYear.
    public var couponAmount: Double { couponsPerYear > 0 ? principal * coupon / Double(couponsPerYear) : 0 }

    /// Coupon dates after `start` up to and including maturity, every 12/n months counted back from maturity.
    public func couponDates(after start: CalendarDate) -> [CalendarDate] {
        guard couponsPerYear > 0, coupon > 0 else { return [] }
        let step = 12 / couponsPerYear
        var dates: [CalendarDate] = []
        var k = 0
        while true {
            let date = maturity.adding(months: -step * k)
            if date <= start { break }
            dates.append(date)
            k += 1
        }
        return dates.reversed()
    }
}

/// A secured convertible's collateral (Twenty One, Trump Media, Sequans): BTC pledged to the
/// holders and a test that the notes stay covered with BTC counted at `advanceRate` of its value:
/// coverage = collateral · price · advanceRate / principal must stay at or above 1 (Trump Media:
/// BTC at 52.63 %, so it must be worth 190 % of the notes). Below 1 the issuer must post BTC within
/// `cureDays`, or the holders foreclose on the collateral; below `redemptionCoverage` the issuer
/// sells collateral to redeem notes until coverage is back there (Sequans, 4 Nov 2025).
public struct NoteSecurity: Sendable, Equatable {
    /// BTC pledged to the holders.
    public var collateralBTC: Double
    /// The share of the collateral's value the test counts (0.5263: BTC at 52.63 %).
    public var advanceRate: Double
    /// Days to post BTC after the test fails, before the holders foreclose.
    public var cureDays: Int
    /// Coverage below which collateral is sold to redeem notes back to it; nil: none.
    public var redemptionCoverage: Double?

    /// Creates a note's security.
    public init(collateralBTC: Double, advanceRate: Double = 1, cureDays: Int = 2, redemptionCoverage: Double? = nil) {
        self.collateralBTC = collateralBTC
        self.advanceRate = advanceRate
        self.cureDays = cureDays
        self.redemptionCoverage = redemptionCoverage
    }

    /// The BTC price at which coverage falls to `level` for `principal` USD of notes:
    /// principal · level / (collateral · advanceRate).
    public func price(atCoverage level: Double, principal: Double) -> Double {
        principal * level / (collateralBTC * advanceRate)
    }
}

/// An issuer call with a soft-call condition (Strategy's notes): from `from`, the issuer may call
/// the note once the stock has closed at or above `triggerRatio` × the conversion price on at
/// least `requiredDays` of the last `windowDays` trading days (20 of 30 at 130 %). Called in the
/// money, holders convert and the issuer settles as elected.
public struct IssuerCall: Sendable, Equatable {
    /// First date the issuer may call.
    public var from: CalendarDate
    /// The share price must close at or above this multiple of the conversion price (1.3).
    public var triggerRatio: Double
    /// Qualifying trading days needed (20) …
    public var requiredDays: Int
    /// … within this many trading days, today's included (30).
    public var windowDays: Int

    /// Creates a call.
    public init(from: CalendarDate, triggerRatio: Double = 1.3, requiredDays: Int = 20, windowDays: Int = 30) {
        self.from = from
        self.triggerRatio = triggerRatio
        self.requiredDays = requiredDays
        self.windowDays = windowDays
    }
}

/// How the issuer settles a conversion.
public enum SettlementElection: String, Sendable, CaseIterable {
    /// principal / conversionPrice new shares.
    case stock
    /// The conversion value in cash.
    case cash
    /// Par in cash, the excess of conversion value over par in shares.
    case mixed
}

/// How par may be repaid at a put or at maturity when holders do not convert.
public enum RepaymentForm: String, Sendable, CaseIterable {
    /// Cash through the funding waterfall.
    case cash
    /// New shares at the share price less the discount.
    case stock
    /// Cash from cash, reserve and the ATM; any shortfall in shares rather than selling BTC.
    case cashOrStock
}
