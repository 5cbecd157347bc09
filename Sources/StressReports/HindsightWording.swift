public import StressResults
import TreasuryModel

/// Says where a report looks past its own as-of date: historical replays of windows that end
/// after it, and Monte Carlo calibrated on BTC history newer than it. Such results show what a
/// known path would do to today's balance sheet; a board must not read them as forecasts made on
/// the as-of date.
public enum HindsightWording {
    /// One sentence per kind of hindsight in `report`, empty when it has none.
    public static func notes(_ report: StressReport) -> [String] {
        var notes: [String] = []
        let asOf = report.asOf
        let later = report.scenarios.filter { ($0.replayWindow?.to).map { $0 > asOf } ?? false }
        if !later.isEmpty {
            let names = later.map { BidiIsolation.isolate($0.name) }
            notes.append("Hindsight: \(later.count == 1 ? "one scenario replays" : "\(later.count) scenarios replay") BTC history "
                + "after this report's as-of date (\(asOf)): \(DriverWording.list(names)). "
                + "\(later.count == 1 ? "It shows" : "They show") what that known path would do to this balance sheet, not a forecast made on \(asOf).")
        }
        for run in report.monteCarlo {
            switch run.priceModel {
            case .bootstrap(_, _, let to, _) where to > asOf:
                notes.append("Hindsight: the Monte Carlo run (\(BidiIsolation.isolate(run.name))) resamples BTC returns through \(to), "
                    + "after the as-of date (\(asOf)).")
            case .gbm(_, let volatility) where volatility == Calibration.btcVolatility && Calibration.dataThrough > asOf,
                 .jumpDiffusion(_, let volatility, _, _, _) where volatility == Calibration.jumpDiffusionVolatility && Calibration.dataThrough > asOf:
                notes.append("Hindsight: the Monte Carlo run (\(BidiIsolation.isolate(run.name))) uses the built-in volatility, "
                    + "calibrated on BTC history through \(Calibration.dataThrough), after the as-of date (\(asOf)).")
            default:
                break
            }
        }
        return notes
    }
}
