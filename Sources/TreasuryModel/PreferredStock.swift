/// A perpetual preferred stock series: a fixed dividend on a notional, cumulative or not,
/// payable in cash or, for some series, in common shares.
public struct PreferredStock: Sendable, Equatable, Identifiable {
    /// Identifier (for example "STRF").
    public var id: String
    /// Notional (liquidation preference) in USD.
    public var notional: Double
    /// Annual dividend rate on notional.
    public var rate: Double
    /// Payments a year: 12 at month ends, 4 at quarter ends, 2 at half-year ends, 1 at year end.
    public var paymentsPerYear: Int
    /// Unpaid dividends accrue (cumulative) or are lost (non-cumulative).
    public var cumulative: Bool
    /// What the dividend may be paid in.
    public var payableIn: DividendForm
    /// Claim rank: larger is more junior.
    public var seniority: Int
    /// Explicit payment dates, replacing the month- or quarter-end calendar when given.
    public var paymentDates: [CalendarDate]
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a series.
    public init(id: String, notional: Double, rate: Double, paymentsPerYear: Int = 4, cumulative: Bool = true,
                payableIn: DividendForm = .cash, seniority: Int = 3, paymentDates: [CalendarDate] = [],
                location: SourceLocation? = nil) {
        self.id = id
        self.notional = notional
        self.rate = rate
        self.paymentsPerYear = paymentsPerYear
        self.cumulative = cumulative
        self.payableIn = payableIn
        self.seniority = seniority
        self.paymentDates = paymentDates
        self.location = location
    }

    /// One regular dividend, in USD: notional · rate / paymentsPerYear.
    public var dividendAmount: Double { paymentsPerYear > 0 ? notional * rate / Double(paymentsPerYear) : 0 }

    /// Annual dividends in USD.
    public var annualDividendUSD: Double { notional * rate }

    /// Payment dates after `start` up to and including `end`: the listed dates, or period ends.
    public func dividendDates(after start: CalendarDate, through end: CalendarDate) -> [CalendarDate] {
        if !paymentDates.isEmpty { return paymentDates.filter { $0 > start && $0 <= end } }
        guard paymentsPerYear > 0, 12 % paymentsPerYear == 0 else { return [] }
        let step = 12 / paymentsPerYear
        var dates: [CalendarDate] = []
        var month = CalendarDate(year: start.year, month: 1, day: 1) ?? start
        while month <= end {
            if month.month % step == 0 {
                let date = month.endOfMonth
                if date > start && date <= end { dates.append(date) }
            }
            month = month.adding(months: 1)
        }
        return dates
    }
}

/// What a preferred dividend may be paid in.
public enum DividendForm: String, Sendable, CaseIterable {
    /// Cash only.
    case cash
    /// Cash, or common shares where cash falls short.
    case cashOrStock
}
