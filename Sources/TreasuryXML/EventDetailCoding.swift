import TreasuryModel
import StressResults

/// An event's particulars in the report XML: `detail` names what they are, and a few attributes
/// carry their numbers (see `report.xsd`, element `event`). Only non-zero funding sources are
/// written; a reader takes an absent one as 0.
enum EventDetailCoding {
    typealias N = ReportNumber

    /// A metric value, which may be infinite (coverage once a claim is repaid): `INF` as in XSD.
    static func metric(_ value: Double) -> String {
        if value == .infinity { return "INF" }
        if value == -.infinity { return "-INF" }
        return N.ratio(value)
    }

    /// Writes the `detail` attribute and its companions onto the open `event` element.
    static func write(_ detail: SimulationEvent.Detail, to w: XMLWriter) {
        func funding(_ f: FundingBreakdown) {
            for (name, value, format) in [
                ("fromPrefunded", f.fromPrefunded, N.usd), ("fromCash", f.fromCash, N.usd),
                ("fromReserve", f.fromReserve, N.usd), ("fromATM", f.fromATM, N.usd),
                ("atmShares", f.atmShares, N.shares), ("fromFunds", f.fromFunds, N.usd),
                ("fromBTC", f.fromBTC, N.usd), ("btcSoldForFunding", f.btcSold, N.btc),
            ] as [(String, Double, (Double) -> String)] where value != 0 {
                w.attribute(name, format(value))
            }
        }
        func cause(_ c: AccelerationCause) {
            switch c {
            case .covenant(let id): w.attribute("causeCovenant", id)
            case .crossDefault(let from): w.attribute("causeCrossDefault", from)
            }
        }
        switch detail {
        case .none: w.attribute("detail", "none")
        case .funded(let f): w.attribute("detail", "funded"); funding(f)
        case .operatingCashReceived: w.attribute("detail", "operatingCashReceived")
        case .fundSharesSold(let shares): w.attribute("detail", "fundSharesSold"); w.attribute("units", N.fixed(shares, 8))
        case .bitcoinSold(let net): w.attribute("detail", "bitcoinSold"); w.attribute("unitPrice", N.usd(net))
        case .covenantBreach(let metric, let value, let limit):
            w.attribute("detail", "covenantBreach")
            w.attribute("metric", metric.rawValue)
            w.attribute("value", self.metric(value))
            switch limit {
            case .minimum(let x): w.attribute("min", self.metric(x))
            case .maximum(let x): w.attribute("max", self.metric(x))
            case .none: break
            }
        case .covenantCured(let metric, let value):
            w.attribute("detail", "covenantCured")
            w.attribute("metric", metric.rawValue)
            w.attribute("value", self.metric(value))
        case .accelerated(let c, let f):
            w.attribute("detail", f == nil ? "acceleratedLoan" : "accelerated")
            cause(c)
            if let f { funding(f) }
        case .redemptionAccelerated(let c, let f): w.attribute("detail", "redemptionAccelerated"); cause(c); funding(f)
        case .crossDefault(let from): w.attribute("detail", "crossDefault"); w.attribute("causeCrossDefault", from)
        case .marginCall(let ltv, let threshold, let cureDays):
            w.attribute("detail", "marginCall")
            w.attribute("ltv", metric(ltv))
            w.attribute("threshold", metric(threshold))
            w.attribute("cureDays", String(cureDays))
        case .marginCallCured(let ltv, let byRecovery):
            w.attribute("detail", byRecovery ? "marginCallEndedByPrice" : "marginCallCured")
            w.attribute("ltv", metric(ltv))
        case .bitcoinPledged: w.attribute("detail", "bitcoinPledged")
        case .fundSharesPledged(let shares, let ticker):
            w.attribute("detail", "fundSharesPledged")
            w.attribute("units", N.fixed(shares, 8))
            w.attribute("ticker", ticker)
        case .paidDownToCure(let f): w.attribute("detail", "paidDownToCure"); funding(f)
        case .loanRepaid(let f): w.attribute("detail", "loanRepaid"); funding(f)
        case .liquidation(.ltvReached(let ltv, let threshold)):
            w.attribute("detail", "liquidationAtLTV")
            w.attribute("ltv", metric(ltv))
            w.attribute("threshold", metric(threshold))
        case .liquidation(.marginCallUncured(let cureDays)):
            w.attribute("detail", "liquidationUncuredCall")
            w.attribute("cureDays", String(cureDays))
        case .sharesDelivered(let price): w.attribute("detail", "sharesDelivered"); w.attribute("unitPrice", N.usd(price))
        case .convertedInStock: w.attribute("detail", "convertedInStock")
        case .conversionPaidInCash(let f): w.attribute("detail", "conversionPaidInCash"); funding(f)
        case .conversionMixed(let f): w.attribute("detail", "conversionMixed"); funding(f)
        case .parRepaid(let f): w.attribute("detail", "parRepaid"); funding(f)
        case .missed(let obligation): w.attribute("detail", "missed"); w.attribute("obligation", obligation.rawValue)
        case .sharesBoughtBack(let price): w.attribute("detail", "sharesBoughtBack"); w.attribute("unitPrice", N.usd(price))
        case .refinanced(let rate, let years):
            w.attribute("detail", "refinanced")
            w.attribute("rate", N.ratio(rate))
            w.attribute("termYears", N.ratio(years))
        }
    }

    /// Reads the particulars back from an `event` element.
    static func read(_ x: XMLElement) throws(InputError) -> SimulationEvent.Detail {
        func funding() throws(InputError) -> FundingBreakdown {
            FundingBreakdown(
                fromPrefunded: try x.double("fromPrefunded", default: 0), fromCash: try x.double("fromCash", default: 0),
                fromReserve: try x.double("fromReserve", default: 0), fromATM: try x.double("fromATM", default: 0),
                atmShares: try x.double("atmShares", default: 0), fromFunds: try x.double("fromFunds", default: 0),
                fromBTC: try x.double("fromBTC", default: 0), btcSold: try x.double("btcSoldForFunding", default: 0))
        }
        func metric(_ name: String) throws(InputError) -> Double {
            switch x.attribute(name) {
            case "INF": return .infinity
            case "-INF": return -.infinity
            default: return try x.double(name)
            }
        }
        func cause() throws(InputError) -> AccelerationCause {
            if let id = x.attribute("causeCovenant") { return .covenant(id) }
            return .crossDefault(from: try x.string("causeCrossDefault"))
        }
        func cureDays() throws(InputError) -> Int { try x.int("cureDays", default: 0) }
        let covenantMetric = { () throws(InputError) -> CovenantMetric in
            try x.choice("metric", default: CovenantMetric.leverage)
        }
        switch x.attribute("detail") ?? "none" {
        case "funded": return .funded(try funding())
        case "operatingCashReceived": return .operatingCashReceived
        case "fundSharesSold": return .fundSharesSold(shares: try x.double("units"))
        case "bitcoinSold": return .bitcoinSold(netPrice: try x.double("unitPrice"))
        case "covenantBreach":
            let limit: CovenantLimit = x.attribute("min") != nil ? .minimum(try metric("min"))
                : x.attribute("max") != nil ? .maximum(try metric("max")) : .none
            return .covenantBreach(metric: try covenantMetric(), value: try metric("value"), limit: limit)
        case "covenantCured": return .covenantCured(metric: try covenantMetric(), value: try metric("value"))
        case "accelerated": return .accelerated(cause: try cause(), funding: try funding())
        case "acceleratedLoan": return .accelerated(cause: try cause(), funding: nil)
        case "redemptionAccelerated": return .redemptionAccelerated(cause: try cause(), funding: try funding())
        case "crossDefault": return .crossDefault(from: try x.string("causeCrossDefault"))
        case "marginCall":
            return .marginCall(ltv: try metric("ltv"), threshold: try metric("threshold"), cureDays: try cureDays())
        case "marginCallCured": return .marginCallCured(ltv: try metric("ltv"), byPriceRecovery: false)
        case "marginCallEndedByPrice": return .marginCallCured(ltv: try metric("ltv"), byPriceRecovery: true)
        case "bitcoinPledged": return .bitcoinPledged
        case "fundSharesPledged": return .fundSharesPledged(shares: try x.double("units"), ticker: try x.string("ticker"))
        case "paidDownToCure": return .paidDownToCure(try funding())
        case "loanRepaid": return .loanRepaid(try funding())
        case "liquidationAtLTV": return .liquidation(.ltvReached(ltv: try metric("ltv"), liquidationLTV: try metric("threshold")))
        case "liquidationUncuredCall": return .liquidation(.marginCallUncured(cureDays: try cureDays()))
        case "sharesDelivered": return .sharesDelivered(pricePerShare: try x.double("unitPrice"))
        case "convertedInStock": return .convertedInStock
        case "conversionPaidInCash": return .conversionPaidInCash(try funding())
        case "conversionMixed": return .conversionMixed(par: try funding())
        case "parRepaid": return .parRepaid(try funding())
        case "missed": return .missed(try x.choice("obligation", default: MissedObligation.maturity))
        case "sharesBoughtBack": return .sharesBoughtBack(pricePerShare: try x.double("unitPrice"))
        case "refinanced": return .refinanced(rate: try x.double("rate"), termYears: try x.double("termYears"))
        default: return .none
        }
    }
}
