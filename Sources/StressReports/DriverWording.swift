public import StressResults
import TreasuryModel

/// Says what drives a ladder trigger, for the board: which obligation, on which date, and what
/// paid for it before BTC had to be sold.
public enum DriverWording {
    /// "the 2028 convertible note", "the STRD preferred", "the loan-a BTC-backed loan", or "the
    /// treasury" for company-wide events (operating costs, whose ref names no instrument).
    public static func instrument(_ ref: String, in report: StressReport) -> String {
        guard let summary = report.instruments.first(where: { $0.id == ref }) else { return "the treasury" }
        switch summary.kind {
        case "convertibleNote": return "the \(ref) convertible note"
        case "btcLoan": return "the \(ref) BTC-backed loan"
        case "preferred": return "the \(ref) preferred"
        default: return ref
        }
    }

    /// What the event is, as a payment: "holder put of $1.01B", "coupon of $5.6M".
    static func obligation(_ event: SimulationEvent) -> String {
        let amount = DisplayFormat.usd(event.amountUSD)
        switch event.kind {
        case .couponPaid: return "coupon of \(amount)"
        case .interestPaid: return "interest of \(amount)"
        case .dividendPaid: return "dividend of \(amount)"
        case .put: return "holder put of \(amount)"
        case .maturity: return "repayment at maturity of \(amount)"
        case .conversion: return "conversion settled in cash, \(amount)"
        case .acceleration: return "accelerated repayment of \(amount)"
        case .loanRepaid: return "repayment of \(amount)"
        case .operatingCashFlow: return "operating costs of \(amount)"
        case .liquidation: return "liquidation by its lender (\(DisplayFormat.compactBTC(event.btc)) sold)"
        case .reserveRefilled: return "refill of the reserve to its floor, \(amount)"
        default: return "\(EventWording.detail(event))"
        }
    }

    /// What ran short: ": cash $3.0M and the ATM $1.2M covered part; nothing came from the
    /// reserve; BTC sales paid $5.0M (80.5 BTC)".
    static func shortfall(_ f: FundingBreakdown) -> String {
        let sources: [(String, Double)] = [("prefunded cash", f.fromPrefunded), ("cash", f.fromCash),
                                           ("the reserve", f.fromReserve), ("the ATM", f.fromATM), ("fund-share sales", f.fromFunds)]
        let used = sources.filter { $0.1 > EventWording.negligibleUSD }
        let empty = sources.filter { $0.1 <= EventWording.negligibleUSD && $0.0 != "prefunded cash" && $0.0 != "fund-share sales" }
        var parts: [String] = []
        if !used.isEmpty { parts.append(list(used.map { "\($0.0) \(DisplayFormat.usd($0.1))" }) + " covered part") }
        if !empty.isEmpty { parts.append("nothing came from " + list(empty.map(\.0), conjunction: "or")) }
        if f.fromBTC > EventWording.negligibleUSD {
            parts.append("BTC sales paid \(DisplayFormat.usd(f.fromBTC)) (\(DisplayFormat.btc(f.btcSold)))")
        }
        return parts.isEmpty ? "" : ": " + parts.joined(separator: "; ")
    }

    /// "a, b and c".
    static func list(_ items: [String], conjunction: String = "and") -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " \(conjunction) " + (items.last ?? "")
    }

    /// The driver of `rung` in one sentence, or nil when it has none (the trigger never fires).
    /// A driver dated after today is a timing risk as much as a price risk: the price must still
    /// be that low when the obligation falls due.
    public static func sentence(_ rung: TriggerRung, in report: StressReport) -> String? {
        guard let event = rung.driver else { return nil }
        let date = report.asOf.adding(days: event.day).description
        let whose = instrument(event.ref, in: report)
        let when = event.day == 0 ? "today" : "on \(date)"
        switch rung.trigger.kind {
        case .forcedSale:
            if event.kind == .liquidation {
                return "Driver: \(whose)'s lender sells collateral \(when) (\(obligation(event)))."
            }
            return "Driver: \(whose)'s \(obligation(event)) due \(when)" + (event.detail.funding.map(shortfall) ?? "")
                + (event.day > 0 ? "; the sale waits for that date, so a fall that recovers before then forces no sale." : ".")
        case .defaultEvent:
            if case .missed(let what) = event.detail {
                let owner = report.instruments.contains { $0.id == event.ref } ? " of \(whose)'s" : " of"
                return "Driver: \(DisplayFormat.usd(event.amountUSD))\(owner) \(EventWording.words(what)) cannot be funded \(when)."
            }
            return "Driver: a payment of \(DisplayFormat.usd(event.amountUSD)) cannot be funded \(when)."
        case .marginCall, .liquidation, .covenantBreach:
            return event.day == 0 ? nil : "First fires \(when)."
        }
    }
}
