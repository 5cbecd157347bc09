/// A Monte Carlo scenario: many random BTC price paths from one model, each run through the same
/// simulator as a deterministic scenario, summarised as probabilities and quantiles.
public struct MonteCarloSpec: Sendable, Equatable, Identifiable {
    /// Identifier (for example "mc-gbm").
    public var id: String
    /// Display name.
    public var name: String
    /// The price model.
    public var model: PriceModel
    /// Number of paths.
    public var paths: Int
    /// Seed of the random stream; path i's stream depends only on (seed, i).
    public var seed: UInt64
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a spec.
    public init(id: String, name: String, model: PriceModel, paths: Int, seed: UInt64, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.model = model
        self.paths = paths
        self.seed = seed
        self.location = location
    }

    /// BTC price models. Rates are annual and continuously compounded; days are calendar days.
    public enum PriceModel: Sendable, Equatable {
        /// Geometric Brownian motion: d ln P = (drift − vol²/2) dt + vol dW.
        case gbm(drift: Double, volatility: Double)
        /// Merton jump diffusion: GBM plus Poisson jumps (intensity a day) with normal log sizes;
        /// the drift is compensated so that `drift` is the expected price growth.
        case jumpDiffusion(drift: Double, volatility: Double, jumpIntensityPerDay: Double, jumpMean: Double, jumpStdDev: Double)
        /// Block bootstrap of historical daily log returns from a window of the embedded history.
        case bootstrap(blockDays: Int, from: CalendarDate, to: CalendarDate, demean: Bool)

        /// The model's name as the input and reports spell it.
        public var kind: String {
            switch self {
            case .gbm: return "gbm"
            case .jumpDiffusion: return "jumpDiffusion"
            case .bootstrap: return "bootstrap"
            }
        }
    }

    /// Checks the spec's meaning.
    public func validationProblems() -> [InputDiagnostic] {
        var problems: [InputDiagnostic] = []
        let label = "monteCarlo \"\(id)\""
        if !(1...10_000_000).contains(paths) {
            problems.append(InputDiagnostic("\(label): paths (\(paths)) must be between 1 and 10,000,000", at: location))
        }
        switch model {
        case .gbm(_, let volatility):
            if !(volatility >= 0) { problems.append(InputDiagnostic("\(label): volatility (\(volatility)) must not be negative", at: location)) }
        case .jumpDiffusion(_, let volatility, let intensity, _, let jumpStdDev):
            if !(volatility >= 0) { problems.append(InputDiagnostic("\(label): volatility (\(volatility)) must not be negative", at: location)) }
            if !(intensity >= 0 && intensity < 5) {
                problems.append(InputDiagnostic("\(label): jumpIntensity (\(intensity)) must be between 0 and 5 a day", at: location))
            }
            if !(jumpStdDev >= 0) { problems.append(InputDiagnostic("\(label): jumpStdDev (\(jumpStdDev)) must not be negative", at: location)) }
        case .bootstrap(let blockDays, let from, let to, _):
            if !(1...365).contains(blockDays) {
                problems.append(InputDiagnostic("\(label): blockDays (\(blockDays)) must be between 1 and 365", at: location))
            }
            if from.days(until: to) < blockDays + 1 {
                problems.append(InputDiagnostic("\(label): window \(from) to \(to) must be longer than blockDays", at: location))
            }
        }
        return problems
    }
}

/// Default parameters calibrated from public data (Sources/TreasuryModel/MarketData, the project's FACTS); see
/// `scripts/calibrate.py`, which prints them.
public enum Calibration {
    /// Annual volatility of BTC daily log returns 2014-01-01 → 2026-08-21 (4,615 days): 68.3 %.
    public static let btcVolatility = 0.683
    /// The last day of BTC history the volatility and jump calibration use (a report dated
    /// earlier says its Monte Carlo is calibrated with hindsight).
    public static let dataThrough = CalendarDate(year: 2026, month: 8, day: 21) ?? CalendarDate(dayNumber: 20_686)
    /// Drift: zero (the price is a martingale). The 2014–2026 log drift, +37 % a year, is history, not a forecast.
    public static let btcDrift = 0.0
    /// Jump intensity a day and mean log jump (FACTS.md: a fit of SV with jumps to a crypto index).
    public static let jumpIntensityPerDay = 0.05
    public static let jumpMean = -0.049
    /// Jump size dispersion: std of daily log returns beyond 3 robust sigmas, 2014–2026 (10.3 %).
    public static let jumpStdDev = 0.10
    /// Diffusion volatility left for the jump model so total variance matches 68.3 %:
    /// sqrt(0.6833² − 365 · 0.05 · (0.049² + 0.10²)) = 49.05 % (scripts/calibrate.py).
    public static let jumpDiffusionVolatility = 0.4905
    /// Bootstrap block length in days and window.
    public static let bootstrapBlockDays = 30
    public static let bootstrapFrom = CalendarDate(year: 2014, month: 1, day: 1) ?? CalendarDate(dayNumber: 16_071)
    /// mNAV elasticity to BTC: OLS slope of ln mNAV on ln BTC price over Strategy's published daily
    /// metrics, 373 trading days 2024-12-31 → 2026-06-29 (R² 0.27).
    public static let mnavElasticity = 0.67
}
