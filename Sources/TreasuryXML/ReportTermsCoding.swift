import TreasuryModel
import StressResults

/// Instrument terms, stated assumptions and Monte Carlo price models in the report XML: numbers
/// and tokens only (see `report.xsd`); the board report words them.
enum ReportTermsCoding {
    typealias N = ReportNumber

    // MARK: - Instrument terms

    static func write(_ terms: InstrumentTerms, to w: XMLWriter) {
        switch terms {
        case .convertibleNote(let conversionPrice, let election, let repayment, let putDates):
            w.attribute("conversionPrice", N.usd(conversionPrice))
            w.attribute("election", election.rawValue)
            w.attribute("repayment", repayment.rawValue)
            if !putDates.isEmpty { w.attribute("putDates", putDates.map(\.description).joined(separator: " ")) }
        case .btcLoan(let collateral, let marginCallLTV, let liquidationLTV, let cureDays, let floating):
            switch collateral {
            case .bitcoin(let units): w.attribute("collateralBTC", N.btc(units))
            case .fundShares(let stakeID, let shares):
                w.attribute("collateralFund", stakeID)
                w.attribute("collateralShares", N.shares(shares))
            }
            w.attribute("marginCallLTV", N.ratio(marginCallLTV))
            w.attribute("liquidationLTV", N.ratio(liquidationLTV))
            w.attribute("cureDays", String(cureDays))
            w.attribute("floating", floating ? "true" : "false")
        case .preferred(let paymentsPerYear, let cumulative, let payableIn):
            w.attribute("paymentsPerYear", String(paymentsPerYear))
            w.attribute("cumulative", cumulative ? "true" : "false")
            w.attribute("payableIn", payableIn.rawValue)
        }
    }

    static func readTerms(_ e: XMLElement, kind: String) throws(InputError) -> InstrumentTerms {
        switch kind {
        case "convertibleNote":
            return .convertibleNote(
                conversionPrice: try e.double("conversionPrice"),
                election: try e.choice("election", default: SettlementElection.stock),
                repayment: try e.choice("repayment", default: RepaymentForm.cash), putDates: try e.dates("putDates"))
        case "btcLoan":
            let collateral: Collateral = e.attribute("collateralFund") != nil
                ? .fundShares(stakeID: try e.string("collateralFund"), shares: try e.double("collateralShares"))
                : .bitcoin(try e.double("collateralBTC"))
            return .btcLoan(collateral: collateral, marginCallLTV: try e.double("marginCallLTV"),
                            liquidationLTV: try e.double("liquidationLTV"), cureDays: try e.int("cureDays", default: 0),
                            floating: try e.bool("floating", default: false))
        default:
            return .preferred(paymentsPerYear: try e.int("paymentsPerYear", default: 4),
                              cumulative: try e.bool("cumulative", default: true),
                              payableIn: try e.choice("payableIn", default: DividendForm.cash))
        }
    }

    // MARK: - Assumptions

    static func write(_ a: ModelAssumptions, to w: XMLWriter) {
        w.start("assumptions")
        switch a.equityModel {
        case .mnav(let elasticity, let floor, let cap):
            w.attribute("equityModel", "mnav")
            w.attribute("elasticity", N.ratio(elasticity))
            w.attribute("mnavFloor", N.ratio(floor))
            w.attribute("mnavCap", N.ratio(cap))
        case .beta(let beta):
            w.attribute("equityModel", "beta")
            w.attribute("beta", N.ratio(beta))
        }
        w.attribute("startMNAV", N.ratio(a.startMNAV))
        w.attribute("fundingOrder", a.policy.fundingOrder.map(\.rawValue).joined(separator: " "))
        w.attribute("minCashUSD", N.usd(a.policy.minCashUSD))
        w.attribute("marginCall", a.policy.marginCall.rawValue)
        w.attribute("dividends", a.policy.dividends.rawValue)
        w.attribute("btcSaleSlippage", N.ratio(a.policy.btcSaleSlippage))
        w.attribute("prefundDays", String(a.policy.prefundDays))
        w.attribute("reserveFloorMonths", a.policy.reserveFloorMonths.map(N.ratio))
        if a.policy.sellBitcoinForReserve { w.attribute("sellBitcoinForReserve", "true") }
        w.attribute("sellBitcoinBelowMNAV", a.policy.sellBitcoinBelowMNAV.map(N.ratio))
        if let accumulation = a.policy.accumulate {
            w.attribute("accumulateMinMNAV", N.ratio(accumulation.minMNAV))
            w.attribute("accumulateMaxDailyUSD", N.usd(accumulation.maxDailyUSD))
        }
        if let buyback = a.policy.buyback {
            w.attribute("buybackMaxMNAV", N.ratio(buyback.maxMNAV))
            w.attribute("buybackMaxDailyUSD", N.usd(buyback.maxDailyUSD))
            w.attribute("buybackCapacityUSD", N.usd(buyback.capacityUSD))
            w.attribute("buybackMaxLeverage", buyback.maxLeverage.map(N.ratio))
            w.attribute("buybackFundedBy", buyback.fundedBy.rawValue)
        }
        if let refinance = a.policy.refinance {
            if !refinance.instruments.isEmpty { w.attribute("refinanceInstruments", refinance.instruments.joined(separator: " ")) }
            w.attribute("refinanceSpread", N.ratio(refinance.spread))
            w.attribute("refinanceMinMNAV", refinance.minMNAV.map(N.ratio))
            w.attribute("refinanceTermYears", N.ratio(refinance.termYears))
        }
        if let atm = a.atm {
            w.attribute("atmCapacityUSD", N.usd(atm.capacityUSD))
            w.attribute("atmMaxDailyUSD", N.usd(atm.maxDailyUSD))
            w.attribute("atmMinMNAV", N.ratio(atm.minMNAV))
            w.attribute("atmDiscount", N.ratio(atm.discount))
        }
        w.attribute("historyFrom", a.historyFirstDate.description)
        w.attribute("historyTo", a.historyLastDate.description)
        if let impact = a.priceImpact {
            w.attribute("impactCoefficient", N.ratio(impact.coefficient))
            w.attribute("impactDailyVolatility", N.ratio(impact.dailyVolatility ?? 0))
            w.attribute("impactPermanentFraction", N.ratio(impact.permanentFraction))
            w.attribute("impactHalfLifeDays", N.ratio(impact.halfLifeDays))
            w.attribute("impactMaxParticipation", N.ratio(impact.maxParticipation))
            w.attribute("btcDailyVolumeUSD", N.usd(a.btcDailyVolumeUSD ?? 0))
        }
        w.end()
    }

    static func readAssumptions(_ e: XMLElement) throws(InputError) -> ModelAssumptions {
        let equityModel: EquityModel = e.attribute("equityModel") == "beta"
            ? .beta(try e.double("beta"))
            : .mnav(elasticity: try e.double("elasticity"), floor: try e.double("mnavFloor"), cap: try e.double("mnavCap"))
        var order: [FundingSource] = []
        for word in e.words("fundingOrder") {
            guard let source = FundingSource(rawValue: word) else { throw e.fail("fundingOrder: unknown source \"\(word)\"") }
            order.append(source)
        }
        let policy = FundingPolicy(
            fundingOrder: order, minCashUSD: try e.double("minCashUSD"),
            marginCall: try e.choice("marginCall", default: MarginCallResponse.topUp),
            dividends: try e.choice("dividends", default: DividendPolicy.payOrDefer),
            btcSaleSlippage: try e.double("btcSaleSlippage"), prefundDays: try e.int("prefundDays", default: 0),
            reserveFloorMonths: try e.optionalDouble("reserveFloorMonths"),
            sellBitcoinForReserve: try e.bool("sellBitcoinForReserve", default: false),
            sellBitcoinBelowMNAV: try e.optionalDouble("sellBitcoinBelowMNAV"),
            accumulate: e.attribute("accumulateMinMNAV") == nil ? nil
                : Accumulation(minMNAV: try e.double("accumulateMinMNAV"), maxDailyUSD: try e.double("accumulateMaxDailyUSD")),
            buyback: e.attribute("buybackMaxMNAV") == nil ? nil
                : Buyback(maxMNAV: try e.double("buybackMaxMNAV"), maxDailyUSD: try e.double("buybackMaxDailyUSD"),
                          capacityUSD: try e.double("buybackCapacityUSD"), maxLeverage: try e.optionalDouble("buybackMaxLeverage"),
                          fundedBy: try e.choice("buybackFundedBy", default: Buyback.Funding.cash)),
            refinance: e.attribute("refinanceSpread") == nil ? nil
                : Refinancing(instruments: e.words("refinanceInstruments"), spread: try e.double("refinanceSpread"),
                              minMNAV: try e.optionalDouble("refinanceMinMNAV"), termYears: try e.double("refinanceTermYears")))
        let atm: ATMProgram? = e.attribute("atmCapacityUSD") == nil ? nil : ATMProgram(
            capacityUSD: try e.double("atmCapacityUSD"), minMNAV: try e.double("atmMinMNAV"),
            maxDailyUSD: try e.double("atmMaxDailyUSD"), discount: try e.double("atmDiscount"))
        var assumptions = ModelAssumptions(equityModel: equityModel, startMNAV: try e.double("startMNAV"), policy: policy, atm: atm,
                                           historyFirstDate: try e.date("historyFrom"), historyLastDate: try e.date("historyTo"))
        if e.attribute("impactCoefficient") != nil {
            assumptions.priceImpact = PriceImpact(
                coefficient: try e.double("impactCoefficient"), dailyVolatility: try e.double("impactDailyVolatility"),
                permanentFraction: try e.double("impactPermanentFraction"), halfLifeDays: try e.double("impactHalfLifeDays"),
                maxParticipation: try e.double("impactMaxParticipation"))
            assumptions.btcDailyVolumeUSD = try e.double("btcDailyVolumeUSD")
        }
        return assumptions
    }

    // MARK: - Monte Carlo price model

    static func write(_ model: MonteCarloSpec.PriceModel, to w: XMLWriter) {
        switch model {
        case .gbm(let drift, let volatility):
            w.attribute("drift", N.ratio(drift))
            w.attribute("volatility", N.ratio(volatility))
        case .jumpDiffusion(let drift, let volatility, let intensity, let mean, let std):
            w.attribute("drift", N.ratio(drift))
            w.attribute("volatility", N.ratio(volatility))
            w.attribute("jumpIntensity", N.ratio(intensity))
            w.attribute("jumpMean", N.ratio(mean))
            w.attribute("jumpStdDev", N.ratio(std))
        case .bootstrap(let blockDays, let from, let to, let demean):
            w.attribute("blockDays", String(blockDays))
            w.attribute("from", from.description)
            w.attribute("to", to.description)
            w.attribute("demean", demean ? "true" : "false")
        }
    }

    static func readPriceModel(_ e: XMLElement) throws(InputError) -> MonteCarloSpec.PriceModel {
        switch try e.string("model") {
        case "gbm": return .gbm(drift: try e.double("drift"), volatility: try e.double("volatility"))
        case "jumpDiffusion":
            return .jumpDiffusion(drift: try e.double("drift"), volatility: try e.double("volatility"),
                                  jumpIntensityPerDay: try e.double("jumpIntensity"), jumpMean: try e.double("jumpMean"),
                                  jumpStdDev: try e.double("jumpStdDev"))
        case "bootstrap":
            return .bootstrap(blockDays: try e.int("blockDays", default: 30), from: try e.date("from"), to: try e.date("to"),
                              demean: try e.bool("demean", default: true))
        case let other:
            throw e.fail("model \"\(other)\" must be gbm, jumpDiffusion or bootstrap")
        }
    }
}
