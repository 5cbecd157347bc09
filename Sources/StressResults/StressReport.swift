public import TreasuryModel

/// Everything a stress run found, as the report XML records it and the HTML shows it: the
/// inputs' fingerprints, the starting balance sheet, the trigger ladder and each scenario.
public struct StressReport: Sendable, Equatable {
    /// Version of the tool that produced it.
    public var toolVersion: String
    /// Treasury name.
    public var treasuryName: String
    /// As-of date (day 0).
    public var asOf: CalendarDate
    /// Scenario set name.
    public var scenarioSetName: String
    /// Horizon in days.
    public var horizonDays: Int
    /// Input files and their SHA-256, so the report can be reproduced.
    public var inputs: [ReportInput]
    /// The balance sheet at the as-of date.
    public var start: BalanceSnapshot
    /// Each instrument with its terms and coverage at the start.
    public var instruments: [InstrumentSummary]
    /// Principal, interest and dividends due per calendar year (the maturity wall), USD.
    public var maturityWall: [MaturityWallYear]
    /// The trigger-price ladder.
    public var ladder: [TriggerRung]
    /// One entry per scenario, in set order.
    public var scenarios: [ScenarioReport]
    /// Monte Carlo runs, in set order.
    public var monteCarlo: [MonteCarloResult]
    /// The modelling assumptions the report states (the board report words them).
    public var assumptions: ModelAssumptions
    /// "If the others sell too": the treasury in a systemic run (`run --system`); nil otherwise.
    public var system: SystemSection?
    /// The probability map over today's BTC price × mNAV (nil when the set has none).
    public var probabilityMap: ProbabilityMap?

    /// Creates a report.
    public init(toolVersion: String, treasuryName: String, asOf: CalendarDate, scenarioSetName: String, horizonDays: Int,
                inputs: [ReportInput], start: BalanceSnapshot, instruments: [InstrumentSummary],
                maturityWall: [MaturityWallYear], ladder: [TriggerRung], scenarios: [ScenarioReport],
                monteCarlo: [MonteCarloResult] = [], assumptions: ModelAssumptions) {
        self.toolVersion = toolVersion
        self.treasuryName = treasuryName
        self.asOf = asOf
        self.scenarioSetName = scenarioSetName
        self.horizonDays = horizonDays
        self.inputs = inputs
        self.start = start
        self.instruments = instruments
        self.maturityWall = maturityWall
        self.ladder = ladder
        self.scenarios = scenarios
        self.monteCarlo = monteCarlo
        self.assumptions = assumptions
    }
}

/// An input file's role, name and SHA-256 (hex).
public struct ReportInput: Sendable, Equatable {
    /// `treasury` or `scenarios`; the file name as given; the hex SHA-256 of its bytes (or `built-in`).
    public var role: String
    public var name: String
    public var sha256: String
    /// Creates an input record.
    public init(role: String, name: String, sha256: String) {
        self.role = role
        self.name = name
        self.sha256 = sha256
    }
}
