import TreasuryModel

/// Maps a schema-valid `<treasury>` element to the model.
enum TreasuryDecoder {
    static func decode(_ root: XMLElement) throws(InputError) -> Treasury {
        guard let marketElement = root.child("market"), let holdingsElement = root.child("holdings"),
              let equityElement = root.child("equity") else {
            throw root.fail("needs market, holdings and equity")
        }
        var market = MarketConditions(
            btcPrice: try marketElement.double("btcPrice"),
            btcDailyVolumeUSD: try marketElement.amount("btcDailyVolumeUSD", default: 40e9))
        if let impact = marketElement.child("priceImpact") { market.priceImpact = try impact.priceImpact() }
        let holdings = try decodeHoldings(holdingsElement)
        let equity = try decodeEquity(equityElement)
        var notes: [ConvertibleNote] = []
        var loans: [BTCLoan] = []
        var preferreds: [PreferredStock] = []
        for element in root.child("liabilities")?.children ?? [] {
            switch element.name {
            case "convertibleNote": notes.append(try decodeNote(element))
            case "btcLoan": loans.append(try decodeLoan(element))
            case "preferred": preferreds.append(try decodePreferred(element, rank: 3 + preferreds.count))
            default: throw element.fail("unknown liability")
            }
        }
        var covenants: [Covenant] = []
        for element in root.child("covenants")?.children ?? [] {
            covenants.append(Covenant(
                id: try element.string("id"), metric: try element.choice("metric", default: CovenantMetric.leverage),
                subject: element.attribute("subject"), minimum: try element.optionalDouble("min"),
                maximum: try element.optionalDouble("max"),
                consequence: try element.choice("consequence", default: CovenantConsequence.report),
                accelerates: element.words("instruments"), location: element.location))
        }
        var policy = FundingPolicy()
        if let element = root.child("policy") {
            var order: [FundingSource] = []
            for word in element.words("fundingOrder") {
                guard let source = FundingSource(rawValue: word) else {
                    throw element.fail("fundingOrder: \"\(word)\" must be one of cash, reserve, atm, fundStakes, bitcoin")
                }
                order.append(source)
            }
            // Given but empty is a mistake, not "the default order".
            if element.attribute("fundingOrder") != nil && order.isEmpty {
                throw element.fail("fundingOrder is empty; list the sources in order (cash reserve atm fundStakes bitcoin), or leave it out for that default")
            }
            policy = FundingPolicy(
                fundingOrder: order.isEmpty ? policy.fundingOrder : order,
                minCashUSD: try element.amount("minCashUSD", default: 0),
                marginCall: try element.choice("marginCall", default: MarginCallResponse.topUp),
                dividends: try element.choice("dividends", default: DividendPolicy.payOrDefer),
                btcSaleSlippage: try element.amount("btcSaleSlippage", default: 0.005),
                prefundDays: try element.int("prefundDays", default: 0),
                reserveFloorMonths: try element.optionalDouble("reserveFloorMonths"),
                sellBitcoinForReserve: try element.bool("sellBitcoinForReserve", default: false),
                sellBitcoinBelowMNAV: try element.optionalDouble("sellBitcoinBelowMNAV"),
                accumulate: try element.child("accumulate").map { (a: XMLElement) throws(InputError) -> Accumulation in
                    Accumulation(minMNAV: try a.double("minMNAV"), maxDailyUSD: try a.double("maxDailyUSD"), location: a.location)
                },
                buyback: try element.child("buyback").map { (b: XMLElement) throws(InputError) -> Buyback in
                    Buyback(maxMNAV: try b.double("maxMNAV"), maxDailyUSD: try b.double("maxDailyUSD"),
                            capacityUSD: try b.double("capacityUSD"), maxLeverage: try b.optionalDouble("maxLeverage"),
                            fundedBy: try b.choice("fundedBy", default: Buyback.Funding.cash), location: b.location)
                },
                refinance: try element.child("refinance").map { (r: XMLElement) throws(InputError) -> Refinancing in
                    Refinancing(instruments: r.words("instruments"), spread: try r.amount("spread", default: 0.02),
                                minMNAV: try r.optionalDouble("minMNAV"), termYears: try r.amount("termYears", default: 5),
                                location: r.location)
                },
                location: element.location)
        }
        return Treasury(
            name: try root.string("name"), asOf: try root.date("asOf"), market: market, holdings: holdings,
            equity: equity, convertibleNotes: notes, loans: loans, preferreds: preferreds, covenants: covenants,
            policy: policy, operatingCashFlowUSDPerYear: try root.double("operatingCashFlowUSDPerYear", default: 0),
            location: root.location)
    }

    static func decodeHoldings(_ element: XMLElement) throws(InputError) -> Holdings {
        guard let bitcoin = element.child("bitcoin") else { throw element.fail("needs <bitcoin units=…/>") }
        var reserve = CashReserve()
        if let reserveElement = element.child("reserve") {
            var uses = Set<ObligationKind.Use>()
            for word in reserveElement.words("uses") {
                guard let use = ObligationKind.Use(rawValue: word) else {
                    throw reserveElement.fail("uses: \"\(word)\" must be interest, dividends, principal or operating")
                }
                uses.insert(use)
            }
            reserve = CashReserve(usd: try reserveElement.amount("usd"),
                                  uses: reserveElement.attribute("uses") == nil ? [.dividends, .interest] : uses)
        }
        var stakes: [FundStake] = []
        for stake in element.children where stake.name == "fundStake" {
            stakes.append(FundStake(
                id: try stake.string("id"), ticker: try stake.string("ticker"), shares: try stake.amount("shares"),
                btcPerShare: try stake.amount("btcPerShare"), expenseRatio: try stake.amount("expenseRatio"),
                premium: try stake.double("premium", default: 0), saleCost: try stake.amount("saleCost", default: 0),
                location: stake.location))
        }
        return Holdings(
            bitcoinUnits: try bitcoin.amount("units"), costBasisUSD: try bitcoin.amount("costBasisUSD", default: 0),
            cashUSD: try element.child("cash")?.amount("usd") ?? 0, reserve: reserve, fundStakes: stakes)
    }

    static func decodeEquity(_ element: XMLElement) throws(InputError) -> Equity {
        // Without <mnav>, or without its elasticity, the elasticity fitted to Strategy's history.
        var model = EquityModel.mnav(elasticity: Calibration.mnavElasticity, floor: 0.6, cap: 4)
        if let mnav = element.child("mnav") {
            model = .mnav(elasticity: try mnav.double("elasticity", default: Calibration.mnavElasticity),
                          floor: try mnav.amount("floor"),
                          cap: try mnav.amount("cap"))
        } else if let beta = element.child("beta") {
            model = .beta(try beta.double("value"))
        }
        var atm: ATMProgram?
        if let atmElement = element.child("atm") {
            atm = ATMProgram(capacityUSD: try atmElement.amount("capacityUSD"),
                             minMNAV: try atmElement.amount("minMNAV", default: 1),
                             maxDailyUSD: try atmElement.amount("maxDailyUSD"),
                             discount: try atmElement.amount("discount", default: 0.02))
        }
        return Equity(sharesOutstanding: try element.amount("sharesOutstanding"),
                      sharePrice: try element.amount("sharePrice"),
                      authorizedShares: try element.amount("authorizedShares", default: .infinity),
                      model: model, atm: atm)
    }

    static func decodeNote(_ element: XMLElement) throws(InputError) -> ConvertibleNote {
        ConvertibleNote(
            id: try element.string("id"), principal: try element.amount("principal"), coupon: try element.amount("coupon"),
            couponsPerYear: try element.int("couponsPerYear", default: 2), maturity: try element.date("maturity"),
            conversionPrice: try element.amount("conversionPrice"), putDates: try element.dates("putDates"),
            election: try element.choice("election", default: SettlementElection.stock),
            repayment: try element.choice("repayment", default: RepaymentForm.cash),
            stockRepaymentDiscount: try element.amount("stockRepaymentDiscount", default: 0.05),
            seniority: try element.int("seniority", default: 2),
            crossDefault: try element.bool("crossDefault", default: false),
            issuerCall: element.attribute("callableFrom") == nil ? nil : IssuerCall(
                from: try element.date("callableFrom"), triggerRatio: try element.double("callTrigger", default: 1.3),
                requiredDays: try element.int("callDays", default: 20), windowDays: try element.int("callWindowDays", default: 30)),
            security: element.attribute("collateralBTC") == nil ? nil : NoteSecurity(
                collateralBTC: try element.amount("collateralBTC"), advanceRate: try element.amount("advanceRate", default: 1),
                cureDays: try element.int("collateralCureDays", default: 2),
                redemptionCoverage: try element.optionalDouble("redemptionCoverage")),
            location: element.location)
    }

    static func decodeLoan(_ element: XMLElement) throws(InputError) -> BTCLoan {
        let collateral: Collateral
        if let fund = element.attribute("collateralFund") {
            if element.attribute("collateralBTC") != nil {
                throw element.fail("give collateralBTC or collateralFund with collateralShares, not both")
            }
            collateral = .fundShares(stakeID: fund, shares: try element.amount("collateralShares"))
        } else if element.attribute("collateralBTC") != nil {
            collateral = .bitcoin(try element.amount("collateralBTC"))
        } else {
            throw element.fail("missing collateral: give collateralBTC, or collateralFund and collateralShares")
        }
        return BTCLoan(
            id: try element.string("id"), principal: try element.amount("principal"), rate: try element.amount("rate"),
            floating: try element.bool("floating", default: false), maturity: try element.date("maturity"),
            collateral: collateral, marginCallLTV: try element.amount("marginCallLTV"),
            liquidationLTV: try element.amount("liquidationLTV"), cureDays: try element.int("cureDays", default: 2),
            targetLTV: try element.amount("targetLTV"), seniority: try element.int("seniority", default: 1),
            crossDefault: try element.bool("crossDefault", default: false), location: element.location)
    }

    static func decodePreferred(_ element: XMLElement, rank: Int) throws(InputError) -> PreferredStock {
        PreferredStock(
            id: try element.string("id"), notional: try element.amount("notional"), rate: try element.amount("rate"),
            paymentsPerYear: try element.int("paymentsPerYear", default: 4),
            cumulative: try element.bool("cumulative", default: true),
            payableIn: try element.choice("payableIn", default: DividendForm.cash),
            seniority: try element.int("seniority", default: rank), paymentDates: try element.dates("paymentDates"),
            location: element.location)
    }
}

extension XMLElement {
    /// A `<priceImpact>` element (treasury or system file), its omitted attributes at the
    /// defaults the schema states, located at the element.
    func priceImpact() throws(InputError) -> PriceImpact {
        var impact = PriceImpact(
            coefficient: try double("coefficient", default: PriceImpact.defaultCoefficient),
            dailyVolatility: try optionalDouble("dailyVolatility"),
            permanentFraction: try double("permanentFraction", default: PriceImpact.defaultPermanentFraction),
            halfLifeDays: try double("halfLifeDays", default: PriceImpact.defaultHalfLifeDays),
            maxParticipation: try double("maxParticipation", default: PriceImpact.defaultMaxParticipation))
        impact.location = location
        return impact
    }
}
