/// The product's version, recorded in every report and batch summary, and part of every batch
/// job's fingerprint so that a new engine never serves an old report as "unchanged".
public enum ToolVersion {
    /// The release version.
    public static let current = "0.1.0"
    /// Bumped whenever a change to the engine can change a number in a report for the same
    /// inputs (a semantics fix, a new default); release builds of the same version share it.
    public static let resultsRevision = 6  // 3: ladder drivers, the insolvent status, replay windows; 4: survival periods, policy rules; 5: the probability map, buybacks, refinancing; 6: lenders' fills on the impact curve, Monte Carlo probabilities of every trigger beyond the 64th
    /// What a batch fingerprint records: version and results revision together.
    public static var fingerprint: String { "\(current)+r\(resultsRevision)" }
}
