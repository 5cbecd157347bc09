import Foundation
import StressResults
import TreasuryModel

/// The words of the board report's event timeline: each event's particulars as a line a
/// treasurer reads ("cash $21.0M, BTC sales $3.2M (40.12 BTC)").
enum EventWording {
    /// Amounts below half a cent are not worth a word.
    static let negligibleUSD = 0.005

    /// The event's particulars.
    static func detail(_ event: SimulationEvent) -> String {
        switch event.detail {
        case .none:
            switch event.kind {
            case .dividendDeferred: return "cumulative: accrues as arrears"
            case .dividendSkipped: return "non-cumulative: lost to holders"
            case .authorizedSharesExhausted: return "authorised shares exhausted; the rest is owed in cash"
            case .issuerCall: return "the stock closed at or above the call trigger on enough trading days; holders convert"
            case .bitcoinBought:
                let unit = event.btc > 0 ? event.amountUSD / event.btc : 0
                return "bought \(DisplayFormat.compactBTC(event.btc)) at \(DisplayFormat.usd(unit)) with ATM proceeds of \(DisplayFormat.usd(event.amountUSD)) (\(DisplayFormat.wholeUnits(event.shares)) shares)"
            default: return ""
            }
        case .funded(let funding): return summary(funding)
        case .operatingCashReceived: return "operating cash received"
        case .fundSharesSold(let shares): return "sold \(DisplayFormat.wholeUnits(shares)) \(event.ref) shares"
        case .bitcoinSold(let net): return "sold BTC at \(DisplayFormat.usd(net)) net of slippage"
        case .covenantBreach(let metric, let value, let limit):
            let bound: String
            switch limit {
            case .minimum(let x):
                let (shown, limit) = DisplayFormat.distinct(value, x)
                bound = "\(shown) falls below its minimum of \(limit)"
            case .maximum(let x):
                let (shown, limit) = DisplayFormat.distinct(value, x)
                bound = "\(shown) rises above its maximum of \(limit)"
            case .none: bound = ""
            }
            return "\(metricName(metric)) \(bound.isEmpty ? DisplayFormat.metric(value) + " breaches its limit" : bound)"
        case .covenantCured(let metric, let value): return "\(metricName(metric)) back to \(DisplayFormat.metric(value))"
        case .accelerated(let cause, let funding):
            return "due now (\(words(cause)))" + (funding.map { ": " + summary($0) } ?? "")
        case .redemptionAccelerated(let cause, let funding): return "redemption due (\(words(cause))): \(summary(funding))"
        case .crossDefault(let from): return "cross-default from \(from)"
        case .marginCall(let ltv, let threshold, let cureDays):
            return "LTV \(DisplayFormat.wholePercent(ltv)) ≥ \(DisplayFormat.wholePercent(threshold)); cure within \(cureDays) days"
        case .marginCallCured(let ltv, let byPriceRecovery):
            return "LTV back to \(DisplayFormat.wholePercent(ltv))" + (byPriceRecovery ? " as the price recovered" : "")
        case .bitcoinPledged: return "pledged \(DisplayFormat.compactBTC(event.btc))"
        case .fundSharesPledged(let shares, let ticker): return "pledged \(DisplayFormat.wholeUnits(shares)) \(ticker) shares"
        case .paidDownToCure(let funding): return "paid down to cure: \(summary(funding))"
        case .loanRepaid(let funding): return "repaid: \(summary(funding))"
        case .liquidation(let reason):
            switch reason {
            case .ltvReached(let ltv, let threshold):
                return "lender sold collateral: LTV \(DisplayFormat.wholePercent(ltv)) reached liquidationLTV \(DisplayFormat.wholePercent(threshold))"
            case .marginCallUncured(let cureDays):
                return "lender sold collateral: margin call uncured after \(cureDays) days"
            }
        case .sharesDelivered(let price):
            return event.kind == .repaidInStock ? "par repaid in shares at \(DisplayFormat.usd(price))"
                : "paid in common shares at \(DisplayFormat.usd(price))"
        case .convertedInStock: return "converted into \(DisplayFormat.wholeUnits(event.shares)) shares (stock settlement)"
        case .conversionPaidInCash(let funding): return "conversion value paid in cash: \(summary(funding))"
        case .conversionMixed(let par):
            return "par in cash (\(summary(par))), excess in \(DisplayFormat.wholeUnits(event.shares)) shares"
        case .parRepaid(let funding): return "par repaid: \(summary(funding))"
        case .missed(let obligation): return "\(words(obligation)): \(DisplayFormat.usd(event.amountUSD)) could not be funded"
        case .sharesBoughtBack(let price):
            return "bought back \(DisplayFormat.wholeUnits(event.shares)) shares at \(DisplayFormat.usd(price)) for \(DisplayFormat.usd(event.amountUSD)), "
                + (event.btc > 0 ? "paid by selling \(DisplayFormat.compactBTC(event.btc))" : "paid from cash")
        case .refinanced(let rate, let years):
            return "\(DisplayFormat.usd(event.amountUSD)) rolled into new debt of the same kind at \(DisplayFormat.percent(rate, decimals: 2)) a year for "
                + String(format: "%.4g years", years)
        }
    }

    /// A covenant metric as the board reads it.
    static func metricName(_ metric: CovenantMetric) -> String {
        switch metric {
        case .ltv: return "LTV"
        case .leverage: return "leverage"
        case .liquidityUSD: return "liquidity (USD)"
        case .liquidityMonths: return "liquidity (months of fixed charges)"
        case .assetCoverage: return "asset coverage"
        case .dividendCoverageYears: return "dividend coverage (years)"
        case .mnav: return "mNAV"
        case .coverage: return "coverage by seniority"
        }
    }

    /// An event's kind as the board reads it: "coupon paid", "forced sale".
    static func kindName(_ kind: SimulationEvent.Kind) -> String {
        switch kind {
        case .couponPaid: return "coupon paid"
        case .interestPaid: return "interest paid"
        case .dividendPaid: return "dividend paid"
        case .dividendPaidInStock: return "dividend paid in stock"
        case .dividendDeferred: return "dividend deferred"
        case .dividendSkipped: return "dividend skipped"
        case .conversion: return "conversion"
        case .put: return "holder put"
        case .maturity: return "maturity"
        case .repaidInStock: return "repaid in stock"
        case .operatingCashFlow: return "operating cash flow"
        case .forcedSale: return "forced sale"
        case .marginCall: return "margin call"
        case .collateralPledged: return "collateral pledged"
        case .marginCallCured: return "margin call cured"
        case .loanRepaid: return "loan repaid"
        case .liquidation: return "liquidation"
        case .covenantBreach: return "covenant breach"
        case .covenantCured: return "covenant cured"
        case .acceleration: return "acceleration"
        case .crossDefault: return "cross-default"
        case .missedPayment: return "missed payment"
        case .authorizedSharesExhausted: return "authorised shares exhausted"
        case .reserveRefilled: return "reserve refilled to its floor"
        case .bitcoinBought: return "BTC bought"
        case .issuerCall: return "called by the issuer"
        case .sharesBoughtBack: return "shares bought back"
        case .refinanced: return "refinanced"
        }
    }

    /// Whether BTC was sold to fund the event (such payments are never folded into the routine count).
    static func soldBitcoin(_ event: SimulationEvent) -> Bool {
        (event.detail.funding?.fromBTC ?? 0) > negligibleUSD
    }

    /// "prefunded $21.0M, cash $3.0M, BTC sales $1.2M (10.50 BTC)", or "nothing".
    static func summary(_ f: FundingBreakdown) -> String {
        var parts: [String] = []
        if f.fromPrefunded > negligibleUSD { parts.append("prefunded \(DisplayFormat.usd(f.fromPrefunded))") }
        if f.fromCash > negligibleUSD { parts.append("cash \(DisplayFormat.usd(f.fromCash))") }
        if f.fromReserve > negligibleUSD { parts.append("reserve \(DisplayFormat.usd(f.fromReserve))") }
        if f.fromATM > negligibleUSD { parts.append("ATM \(DisplayFormat.usd(f.fromATM))") }
        if f.fromFunds > negligibleUSD { parts.append("fund sales \(DisplayFormat.usd(f.fromFunds))") }
        if f.fromBTC > negligibleUSD {
            parts.append("BTC sales \(DisplayFormat.usd(f.fromBTC)) (\(DisplayFormat.compactBTC(f.btcSold)))")
        }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }

    static func words(_ cause: AccelerationCause) -> String {
        switch cause {
        case .covenant(let id): return "covenant \(id)"
        case .crossDefault(let from): return "cross-default from \(from)"
        }
    }

    static func words(_ obligation: MissedObligation) -> String {
        switch obligation {
        case .coupon: return "coupon"
        case .loanInterest: return "loan interest"
        case .operatingCosts: return "operating costs"
        case .loanMaturity: return "loan maturity"
        case .acceleratedLoan: return "accelerated loan"
        case .acceleratedPrincipal: return "accelerated principal"
        case .acceleratedRedemption: return "accelerated redemption"
        case .deficiencyAfterLiquidation: return "deficiency after liquidation"
        case .cashConversion: return "cash conversion"
        case .conversionPar: return "conversion par"
        case .conversionSharesBeyondAuthorised: return "conversion shares beyond authorised"
        case .holderPut: return "holder put"
        case .maturity: return "maturity"
        }
    }
}
