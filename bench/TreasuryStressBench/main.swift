// Monte Carlo benchmark (release build): path-days per second of the full simulator against the
// floor (path generation alone: the same Philox stream, ziggurat sampler and exp, no simulator)
// and the arithmetic bound (the floor plus the arithmetic every day of the treasury needs at least:
// what no scalar engine, one path at a time, can beat), and that bound with four paths in SIMD
// lanes (what an engine stepping paths four at a time could reach at best).
// Usage: treasury-stress-bench [paths] [days] [jobs] [treasury.xml]
import Foundation
import StressEngine
import StressResults
import TreasuryModel
import TreasuryXML

let arguments = CommandLine.arguments
let paths = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
let days = arguments.count > 2 ? Int(arguments[2]) ?? 730 : 730
let jobs = arguments.count > 3 ? Int(arguments[3]) ?? ProcessInfo.processInfo.activeProcessorCount : ProcessInfo.processInfo.activeProcessorCount
let file = arguments.count > 4 ? arguments[4] : "examples/strategy-like.xml"
/// full: the simulator alone; floor, bound, lanes (the bound in SIMD lanes): those alone; map: the
/// built-in probability map at `paths` paths a cell; both: floor, both bounds and simulator.
let mode = ProcessInfo.processInfo.environment["BENCH_MODE"] ?? "both"
/// Each figure is the fastest of this many runs: this machine is shared, and a half-second floor
/// run moved by ±30 % from one run to the next.
let repeats = max(1, Int(ProcessInfo.processInfo.environment["BENCH_REPEATS"] ?? "3") ?? 3)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

guard let data = FileManager.default.contents(atPath: file) else {
    FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
    exit(66)
}
let treasury: Treasury
do { treasury = try InputReader.treasury([UInt8](data), fileName: file) } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(65)
}
let spec = MonteCarloSpec(id: "bench", name: "bench", model: .gbm(drift: 0, volatility: Calibration.btcVolatility),
                          paths: paths, seed: 42)
let pathDays = Double(paths) * Double(days)
print("paths \(paths), days \(days), jobs \(jobs), treasury \(treasury.name), fastest of \(repeats) runs each")

if mode == "full" {
    // Full simulation only (for memory measurements).
    let simulator = TreasurySimulator(treasury: treasury, horizonDays: days)
    let fullTime = try seconds { _ = try MonteCarloSimulation.run(spec, simulator: simulator, jobs: jobs) }
    print(String(format: "TreasuryStress:       %7.3f s  %8.1f M path-days/s", fullTime, pathDays / fullTime / 1e6))
}

if mode == "map" {
    // The built-in set's probability map (13 × 9 cells, GBM at 68 %) at `paths` paths a cell over
    // `days`: the issue's 117 cells × 10,000 paths is `BENCH_MODE=map treasury-stress-bench 10000 730`.
    guard var map = StandardScenarios.set.probabilityMap else { exit(70) }
    map.paths = paths
    var result: ProbabilityMap?
    let times = try (0..<repeats).map { _ in try seconds {
        result = try ProbabilityMapRun.run(map, treasury: treasury, horizonDays: days, jobs: jobs)
    } }
    let reachable = result?.cells.filter(\.reachable).count ?? 0
    let cells = map.priceMultiples.count * map.mnavs.count
    // The fastest run first (as every figure here), then each run in turn: the spread is the machine's.
    print(String(format: "probability map:      %7.3f s  %d cells (%d reachable) × %d paths (target < 10 s at 10,000)",
                 times.min() ?? .infinity, cells, reachable, paths)
          + (times.count > 1 ? "; runs " + times.map { String(format: "%.2f", $0) }.joined(separator: ", ") + " s" : ""))
}

/// One run of the arithmetic bound (`lanes`: with four paths in SIMD lanes), in seconds.
func boundRun(_ bound: ArithmeticBound, _ model: CompiledPriceModel, lanes: Bool) -> Double {
    seconds {
        if lanes {
            bound.runLanes(model: model, seed: spec.seed, paths: paths, days: days, jobs: jobs)
        } else {
            bound.run(model: model, seed: spec.seed, paths: paths, days: days, jobs: jobs)
        }
    }
}

if mode == "bound" || mode == "lanes" {
    let model = try CompiledPriceModel(spec.model), bound = ArithmeticBound(treasury)
    let time = (0..<repeats).map { _ in boundRun(bound, model, lanes: mode == "lanes") }.min() ?? .infinity
    print(String(format: mode == "lanes" ? "bound, 4 SIMD lanes:  %7.3f s  %8.1f M path-days/s" : "bound (arithmetic):   %7.3f s  %8.1f M path-days/s",
                 time, pathDays / time / 1e6))
}

/// One run of the floor: seconds, and its checksum.
func floorRun(_ model: CompiledPriceModel) -> (seconds: Double, checksum: Double) {
    var checksum = 0.0
    let time = seconds {
        checksum = PathFloor.run(model: model, seed: spec.seed, start: treasury.market.btcPrice, paths: paths, days: days, jobs: jobs)
    }
    return (time, checksum)
}

/// Prints the floor's line: its fastest time (seconds), path-days per second and checksum.
func printFloor(_ floorTime: Double, checksum: Double) {
    print(String(format: "floor (paths only):   %7.3f s  %8.1f M path-days/s  (checksum %.6e)", floorTime, pathDays / floorTime / 1e6, checksum))
}

if mode == "floor" {
    let model = try CompiledPriceModel(spec.model)
    let runs = (0..<repeats).map { _ in floorRun(model) }
    printFloor(runs.map(\.seconds).min() ?? .infinity, checksum: runs.last?.checksum ?? 0)
}

if mode == "both" {
    // The four figures taken in turn, each the fastest of its `repeats` runs: on this shared
    // machine a slow spell then slows a round of all four, not the floor alone or ours alone, and
    // the ratios hold steadier than with each figure's runs back to back.
    let model = try CompiledPriceModel(spec.model)
    let bound = ArithmeticBound(treasury)
    let simulator = TreasurySimulator(treasury: treasury, horizonDays: days)
    var checksum = 0.0
    var result: MonteCarloResult?
    var (floorTime, boundTime, laneTime, fullTime) = (Double.infinity, Double.infinity, Double.infinity, Double.infinity)
    for _ in 0..<repeats {
        let floor = floorRun(model)
        (floorTime, checksum) = (min(floorTime, floor.seconds), floor.checksum)
        boundTime = min(boundTime, boundRun(bound, model, lanes: false))
        laneTime = min(laneTime, boundRun(bound, model, lanes: true))
        fullTime = min(fullTime, try seconds { result = try MonteCarloSimulation.run(spec, simulator: simulator, jobs: jobs) })
    }
    printFloor(floorTime, checksum: checksum)
    print(String(format: "bound (arithmetic):   %7.3f s  %8.1f M path-days/s  (%.2f× the floor)", boundTime, pathDays / boundTime / 1e6,
                 boundTime / floorTime))
    print(String(format: "bound, 4 SIMD lanes:  %7.3f s  %8.1f M path-days/s  (%.2f× the floor)", laneTime, pathDays / laneTime / 1e6,
                 laneTime / floorTime))
    print(String(format: "TreasuryStress:       %7.3f s  %8.1f M path-days/s", fullTime, pathDays / fullTime / 1e6))
    print(String(format: "ratio to floor:       %7.2f× (target ≤ 1.6×)", fullTime / floorTime))
    if let result {
        for row in result.triggers { print("  P(\(row.trigger)) = \(String(format: "%.4f", row.probability))") }
        if let sold = result.quantiles.first { print("  BTC sold p50 \(sold.values[2]) p95 \(sold.values[4])") }
    }
}

/// Per-worker checksums, each written once by its worker and read when all are done.
final class LockedSums: @unchecked Sendable {
    private var values: [Double]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: 0, count: count) }
    func set(_ i: Int, _ v: Double) { lock.lock(); values[i] = v; lock.unlock() }
    var total: Double { lock.lock(); defer { lock.unlock() }; return values.reduce(0, +) }
}
