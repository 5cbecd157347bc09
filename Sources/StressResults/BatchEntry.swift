public import TreasuryModel

/// One treasury × scenario-set job of a batch: whether it produced a report, its quarter's
/// summary, and the previous quarter's summary from the history.
public struct BatchEntry: Sendable, Equatable {
    /// What happened to the job.
    public enum Outcome: String, Sendable {
        /// Its report exists for the current inputs.
        case ok
        /// Its inputs were bad (the located error is in `error`).
        case failed
        /// Not run yet (another shard's, or stopped).
        case missing
    }

    /// Treasury and scenario-set names as the batch manifest gives them.
    public var treasury: String
    public var scenarioSet: String
    /// What happened to the job.
    public var outcome: Outcome
    /// This quarter's figures (when `outcome` is `ok`).
    public var summary: QuarterSummary?
    /// The report's as-of date (nil when there is no report), so that the index can say when it
    /// falls outside the batch's quarter.
    public var asOf: CalendarDate?
    /// The treasury's and the scenario set's names as their files give them (the index shows
    /// these, not the file names); nil when the job has no report.
    public var treasuryName: String?
    public var scenarioSetName: String?
    /// The latest earlier quarter recorded in the history for the same treasury and set.
    public var previous: QuarterSummary?
    /// Report path relative to the quarter folder (without extension).
    public var report: String?
    /// The located error of a failed job.
    public var error: String?

    /// Creates an entry.
    public init(treasury: String, scenarioSet: String, outcome: Outcome) {
        self.treasury = treasury
        self.scenarioSet = scenarioSet
        self.outcome = outcome
    }
}
