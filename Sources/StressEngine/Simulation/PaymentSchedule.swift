public import TreasuryModel
import StressResults

/// Every known payment date of a treasury within a horizon, as calendar days after the as-of
/// date, sorted by day and then by the order payments are made within a day (DESIGN §7): operating
/// flows first, then instruments most senior first (a lower `seniority` rank), and within one
/// rank interest before principal before dividends. So a note's principal due the same day as a
/// junior preferred's dividend is paid first, and the dividend is what runs short.
public struct PaymentSchedule: Sendable {
    /// One scheduled payment date.
    public struct Item: Sendable, Equatable {
        /// Calendar day after the as-of date.
        public var day: Int
        /// What falls due.
        public var kind: Kind
        /// Index into the treasury's notes, loans or preferreds (unused for operating flows).
        public var index: Int
        /// Sort key within a day.
        var order: Int

        /// The instrument whose amounts the item's cost reads (nil for an operating flow).
        var instrument: InstrumentSlot? {
            switch kind {
            case .operating: return nil
            case .coupon, .notePut, .noteMaturity: return .convertibleNote(index)
            case .loanInterest, .loanMaturity: return .btcLoan(index)
            case .dividend: return .preferred(index)
            }
        }
    }

    /// What falls due on a scheduled date.
    public enum Kind: Sendable, Equatable {
        case operating, coupon, loanInterest, dividend, notePut, noteMaturity, loanMaturity
    }

    /// The items, sorted.
    public let items: [Item]
    /// `firstItem[d]` is the index of the first item on day d or later (horizon + 2 entries), so the
    /// items due on day d are `items[firstItem[d]..<firstItem[d + 1]]`.
    let firstItem: [Int]

    /// Builds the schedule of `treasury` for days 1…`horizonDays`.
    public init(treasury: Treasury, horizonDays: Int) {
        let asOf = treasury.asOf
        let end = asOf.adding(days: horizonDays)
        var items: [Item] = []
        func add(_ date: CalendarDate, _ kind: Kind, _ index: Int, _ order: Int) {
            let day = asOf.days(until: date)
            if day >= 1 && day <= horizonDays { items.append(Item(day: day, kind: kind, index: index, order: order)) }
        }
        if treasury.operatingCashFlowUSDPerYear != 0 {
            var month = asOf.endOfMonth
            if month == asOf { month = asOf.adding(days: 1).endOfMonth }
            while month <= end {
                add(month, .operating, 0, 0)
                month = month.adding(days: 1).endOfMonth
            }
        }
        // Most senior first; within a rank interest (0), principal (1), dividends (2).
        func order(_ seniority: Int, _ kind: Int) -> Int { 100 + seniority * 10 + kind }
        for (i, note) in treasury.convertibleNotes.enumerated() {
            for date in note.couponDates(after: asOf) { add(date, .coupon, i, order(note.seniority, 0)) }
            for date in note.putDates { add(date, .notePut, i, order(note.seniority, 1)) }
            add(note.maturity, .noteMaturity, i, order(note.seniority, 1))
        }
        for (i, loan) in treasury.loans.enumerated() {
            var k = 1
            while true {
                let date = asOf.adding(months: k)
                if date >= loan.maturity || date > end { break }
                add(date, .loanInterest, i, order(loan.seniority, 0))
                k += 1
            }
            add(loan.maturity, .loanMaturity, i, order(loan.seniority, 1))
        }
        for (i, preferred) in treasury.preferreds.enumerated() {
            for date in preferred.dividendDates(after: asOf, through: end) {
                add(date, .dividend, i, order(preferred.seniority, 2))
            }
        }
        items.sort { ($0.day, $0.order, $0.index) < ($1.day, $1.order, $1.index) }
        var first = Array(repeating: items.count, count: horizonDays + 2)
        var cursor = items.count
        for day in stride(from: horizonDays + 1, through: 0, by: -1) {
            while cursor > 0 && items[cursor - 1].day >= day { cursor -= 1 }
            first[day] = cursor
        }
        self.items = items
        self.firstItem = first
    }
}
