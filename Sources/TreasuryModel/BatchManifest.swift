/// A quarter's batch: treasury files (or globs) × scenario sets, and where results go.
public struct BatchManifest: Sendable, Equatable {
    /// The quarter, `YYYY-Qn`.
    public var quarter: String
    /// Output root (relative paths are relative to the manifest's folder); nil: `reports`.
    public var output: String?
    /// History database; nil: `history.sqlite` under the output root.
    public var history: String?
    /// Overrides the paths of every Monte Carlo run (to keep large batches quick).
    public var monteCarloPaths: Int?
    /// Overrides the paths per cell of every set's probability map.
    public var mapPaths: Int?
    /// Treasury paths or glob patterns, relative to the manifest's folder.
    public var treasuries: [String]
    /// Scenario sets: file paths, or nil for the built-in standard set.
    public var scenarioSets: [String?]
    /// Where the manifest is.
    public var location: SourceLocation?

    /// Creates a manifest.
    public init(quarter: String, output: String? = nil, history: String? = nil, monteCarloPaths: Int? = nil,
                mapPaths: Int? = nil, treasuries: [String], scenarioSets: [String?], location: SourceLocation? = nil) {
        self.mapPaths = mapPaths
        self.quarter = quarter
        self.output = output
        self.history = history
        self.monteCarloPaths = monteCarloPaths
        self.treasuries = treasuries
        self.scenarioSets = scenarioSets
        self.location = location
    }
}
