import Foundation
import StressResults
import TreasuryModel

/// The words of the report's terms and assumptions: instrument terms beside each instrument,
/// the stated modelling assumptions, and each Monte Carlo model's parameters.
enum AssumptionWording {
    /// An instrument's terms in a line: "converts at $183.19; stock settlement; repayment cash; holder put 2027-09-15".
    static func terms(_ terms: InstrumentTerms) -> String {
        switch terms {
        case .convertibleNote(let conversionPrice, let election, let repayment, let putDates):
            let puts = putDates.map(\.description).joined(separator: ", ")
            return "converts at $\(String(format: "%.2f", conversionPrice)); \(election.rawValue) settlement; "
                + "repayment \(repayment.rawValue)" + (puts.isEmpty ? "" : "; holder put \(puts)")
        case .btcLoan(let collateral, let marginCallLTV, let liquidationLTV, let cureDays, let floating):
            let pledged: String
            switch collateral {
            case .bitcoin(let units): pledged = String(format: "%.2f BTC", units)
            case .fundShares(let id, let shares): pledged = String(format: "%.0f shares of %@", shares, id)
            }
            return "secured by \(pledged); margin call at LTV \(DisplayFormat.wholePercent(marginCallLTV)), "
                + "liquidation at \(DisplayFormat.wholePercent(liquidationLTV)), cure \(cureDays) days"
                + (floating ? "; floating rate" : "")
        case .preferred(let paymentsPerYear, let cumulative, let payableIn):
            return "\(paymentsPerYear)× a year, \(cumulative ? "cumulative" : "non-cumulative"), "
                + "paid in \(payableIn == .cash ? "cash" : "cash or stock")"
        }
    }

    /// The stated assumptions, as (key, sentence) rows in the order the report shows them.
    static func rows(_ a: ModelAssumptions) -> [(key: String, value: String)] {
        var rows: [(key: String, value: String)] = []
        switch a.equityModel {
        case .mnav(let elasticity, let floor, let cap):
            rows.append(("equity model", String(
                format: "mNAV = clamp(%.3f · (P/P0)^%.2f, %.2f, %.2f); market cap = mNAV · BTC NAV − debt − preferred + cash",
                a.startMNAV, elasticity, floor, cap)))
            rows.append(("mNAV elasticity", String(
                format: "%.2f in this treasury file; the default %.2f is the OLS slope of ln mNAV on ln BTC price over Strategy's published daily metrics (373 trading days, 2024-12-31 to 2026-06-29, R² 0.27)",
                elasticity, Calibration.mnavElasticity)))
        case .beta(let beta):
            rows.append(("equity model", String(format: "share price = S0 · (P/P0)^%.2f", beta)))
        }
        let policy = a.policy
        let order = policy.fundingOrder.map(\.rawValue).joined(separator: " → ")
        rows.append(("funding order", order + "; minimum cash \(DisplayFormat.usd(policy.minCashUSD))"))
        if let atm = a.atm {
            rows.append(("ATM", String(
                format: "$%.2fB capacity, up to $%.0fM a day, only while mNAV ≥ %.2f, at a %.1f%% discount",
                atm.capacityUSD / 1e9, atm.maxDailyUSD / 1e6, atm.minMNAV, atm.discount * 100)))
        }
        rows.append(("margin calls", "answered by \(policy.marginCall.rawValue); LTV = principal / collateral value"))
        rows.append(("dividends", policy.dividends == .payOrDefer
            ? "paid through the whole waterfall; shortfalls deferred (cumulative) or skipped"
            : "paid from cash, reserve and ATM only; never by selling BTC; shortfalls deferred or skipped"))
        if let impact = a.priceImpact {
            rows.append(("BTC sales", String(
                format: "at the day's price less %.2f%% slippage and our own impact: a day's sales Q move the price by I = Y·σ_d·√(Q/V), the fill averaging P·(1 − ⅔·I), with Y = %.2f (the square-root law holds on BTC/USD: Donier & Bonart 2015; Y of order one), σ_d = %.2f %% a day, V = ",
                policy.btcSaleSlippage * 100, impact.coefficient, (impact.dailyVolatility ?? 0) * 100)
                + DisplayFormat.usd(a.btcDailyVolumeUSD ?? 0) + String(
                format: " a day; %.0f %% of each day's impact stays, the rest halves every %.1f days; at most %.1f %% of a day's volume sold a day",
                impact.permanentFraction * 100, impact.halfLifeDays, impact.maxParticipation * 100)))
            rows.append(("price paths", "every price reported (lows, ends, events, charts, ladder, Monte Carlo) is the realised price after our own selling; the charts show the scenario's own path beside it"))
        } else {
            rows.append(("BTC sales", String(format: "at the day's price less %.2f%% slippage; no price impact", policy.btcSaleSlippage * 100)))
        }
        if let months = policy.reserveFloorMonths {
            rows.append(("reserve floor", String(format: "the USD reserve is kept at %.1f months of fixed charges, refilled from the ATM while mNAV allows", months)
                + (policy.sellBitcoinForReserve ? ", else by selling BTC (counted as a forced sale)" : "; never by selling BTC")))
        }
        if let threshold = policy.sellBitcoinBelowMNAV {
            rows.append(("BTC for dividends", String(format: "below an mNAV of %.2f, dividends are paid by selling BTC rather than deferred or paid in stock", threshold)))
        }
        if let accumulation = policy.accumulate {
            rows.append(("accumulation", String(format: "while mNAV ≥ %.2f and markets are open, the ATM issues up to ", accumulation.minMNAV)
                + DisplayFormat.usd(accumulation.maxDailyUSD) + " a day to buy BTC at the day's price plus slippage; BTC yield is the change in BTC per share"))
        }
        if let buyback = policy.buyback {
            rows.append(("buybacks", String(format: "while mNAV < %.2f", buyback.maxMNAV)
                + (buyback.maxLeverage.map { ", leverage ≤ " + DisplayFormat.percent($0) } ?? "")
                + " and markets are open, up to " + DisplayFormat.usd(buyback.maxDailyUSD) + " a day ("
                + DisplayFormat.usd(buyback.capacityUSD) + " in all) buys shares back at the day's share price, "
                + (buyback.fundedBy == .cash ? "paid from free cash above the minimum (never the reserve)"
                    : "paid by selling BTC at the day's price less slippage (a chosen sale, not counted as forced)")))
        }
        if let refinance = policy.refinance {
            let which = refinance.instruments.isEmpty ? "every convertible note and BTC-backed loan" : refinance.instruments.joined(separator: ", ")
            rows.append(("refinancing", "at a put or maturity holders do not convert, or a loan's maturity, " + which
                + String(format: " rolls into new debt of the same kind at the old rate plus %.2f %% for %.4g years", refinance.spread * 100, refinance.termYears)
                + (refinance.minMNAV.map { String(format: " while mNAV ≥ %.2f", $0) } ?? "")
                + " and markets are open, unless it is in default; otherwise it is repaid"))
        }
        rows.append(("same-day payments", "most senior first (interest, then principal, then dividends within a rank)"))
        rows.append(("prefunding", policy.prefundDays > 0
            ? "ATM raises for known payments over the \(policy.prefundDays) days before they fall due"
            : "none: payments are funded on the day"))
        rows.append(("convertibles", "holders convert when conversion value exceeds par at a put or maturity, else put or are repaid at par"))
        rows.append(("ladder", "highest BTC price at which a trigger fires after an instant shock held flat over the horizon, by bisection (0.001 % of today's price)"
            + (a.priceImpact == nil ? "" : ", counting our own selling (the shock is the price before it)")))
        rows.append(("history", "BTC/USD daily close at 24:00 UTC (Bitstamp), \(a.historyFirstDate) to \(a.historyLastDate); replays apply the window's daily returns to today's price"))
        rows.append(("Monte Carlo", String(
            format: "Philox4x32-10 streams (path i depends only on seed and i), ziggurat normals; defaults from BTC daily log returns 2014-01-01 to 2026-08-21: volatility %.1f %%, zero drift (price a martingale); jumps %.2f a day with mean %.1f %% (FACTS), std %.0f %% (returns beyond 3 robust sigmas), diffusion %.1f %%; bootstrap in %d-day blocks, demeaned",
            Calibration.btcVolatility * 100, Calibration.jumpIntensityPerDay, Calibration.jumpMean * 100,
            Calibration.jumpStdDev * 100, Calibration.jumpDiffusionVolatility * 100, Calibration.bootstrapBlockDays)))
        rows.append(("day count", "calendar days, actual/365; loan interest monthly in arrears; dividends at period ends"))
        return rows
    }

    /// A Monte Carlo model's parameters as (key, value) rows.
    static func parameters(_ model: MonteCarloSpec.PriceModel) -> [(key: String, value: String)] {
        func pct(_ x: Double) -> String { String(format: "%.2f %%", x * 100) }
        switch model {
        case .gbm(let drift, let volatility):
            return [("drift", pct(drift) + " a year"), ("volatility", pct(volatility) + " a year")]
        case .jumpDiffusion(let drift, let volatility, let lambda, let mean, let std):
            return [("drift", pct(drift) + " a year"), ("volatility", pct(volatility) + " a year (diffusion)"),
                    ("jump intensity", String(format: "%.4f a day", lambda)), ("jump mean", pct(mean) + " (log)"),
                    ("jump std", pct(std) + " (log)")]
        case .bootstrap(let block, let from, let to, let demean):
            return [("block", "\(block) days"), ("window", "\(from) to \(to)"),
                    ("demeaned", demean ? "yes: mean log return −σ²/2, the price a martingale" : "no: historical drift kept")]
        }
    }
}
