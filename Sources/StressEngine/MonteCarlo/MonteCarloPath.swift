public import TreasuryModel
public import StressResults
import Foundation

/// A price model ready to draw paths: per-day constants and, for the bootstrap, the returns.
public struct CompiledPriceModel: Sendable {
    enum Kind: Sendable {
        case gbm
        case jumps
        case bootstrap
    }

    let kind: Kind
    /// Per-day log drift and volatility.
    let logDrift: Double
    let dailyVolatility: Double
    /// Jumps: P(no jump today), intensity, mean and std of a log jump.
    let noJumpProbability: Double
    let jumpIntensity: Double
    let jumpMean: Double
    let jumpStdDev: Double
    /// Bootstrap: daily log returns and the block length.
    let returns: [Double]
    let blockDays: Int

    /// Compiles a model; a bootstrap window outside the embedded history is an input error.
    public init(_ model: MonteCarloSpec.PriceModel, history: BTCHistory = .embedded,
                location: SourceLocation? = nil) throws(InputError) {
        let dt = 1.0 / 365
        var returns: [Double] = []
        var blockDays = 1
        var noJump = 1.0, intensity = 0.0, jumpMean = 0.0, jumpStd = 0.0
        switch model {
        case .gbm(let drift, let volatility):
            kind = .gbm
            logDrift = (drift - volatility * volatility / 2) * dt
            dailyVolatility = volatility * dt.squareRoot()
        case .jumpDiffusion(let drift, let volatility, let lambda, let mean, let std):
            kind = .jumps
            // Compensated so that E[P_t] = P₀·e^(drift·t).
            let compensator = lambda * (exp(mean + std * std / 2) - 1)
            logDrift = (drift - volatility * volatility / 2) * dt - compensator
            dailyVolatility = volatility * dt.squareRoot()
            noJump = exp(-lambda)
            intensity = lambda
            jumpMean = mean
            jumpStd = std
        case .bootstrap(let block, let from, let to, let demean):
            kind = .bootstrap
            guard let closes = history.closes(from: from, through: min(to, history.lastDate)), closes.count > block + 1 else {
                throw InputError("bootstrap window \(from) to \(to) leaves the embedded BTC history (\(history.firstDate) to \(history.lastDate))",
                                 at: location)
            }
            var previous = closes[closes.startIndex]
            for close in closes.dropFirst() {
                returns.append(log(close / previous))
                previous = close
            }
            if demean {
                // Demeaned so the price is a martingale: mean log return −σ²/2 a day.
                let mean = returns.reduce(0, +) / Double(returns.count)
                let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count - 1)
                returns = returns.map { $0 - mean - variance / 2 }
            }
            blockDays = block
            logDrift = 0
            dailyVolatility = 0
        }
        self.returns = returns
        self.blockDays = blockDays
        self.noJumpProbability = noJump
        self.jumpIntensity = intensity
        self.jumpMean = jumpMean
        self.jumpStdDev = jumpStd
    }

    /// Whether the model needs no randomness (zero volatility and no jumps).
    var isDeterministic: Bool { kind != .bootstrap && dailyVolatility == 0 && jumpIntensity == 0 }
}

/// One random BTC path, drawn day by day as the simulator asks for it (no array is kept).
public struct MonteCarloPath: BTCPriceSource {
    /// A generated path ignores sales.
    public static var answersToSales: Bool { false }

    let model: CompiledPriceModel
    var stream: PathRandomStream
    let start: Double
    /// ln(P_t / P₀): zero volatility gives exactly P₀ every day.
    var logReturn = 0.0
    var blockStart = 0
    var blockOffset = Int.max
    let kn = Ziggurat.kn
    let wn = Ziggurat.wn

    /// Path `index` of `model` under `seed`, starting at `start` USD.
    public init(model: CompiledPriceModel, seed: UInt64, index: UInt64, start: Double) {
        self.model = model
        self.stream = PathRandomStream(seed: seed, path: index)
        self.start = start
    }

    /// Today's log return.
    @inline(__always)
    public mutating func nextLogReturn() -> Double {
        switch model.kind {
        case .gbm:
            return model.logDrift + model.dailyVolatility * Ziggurat.normal(&stream, kn: kn, wn: wn)
        case .jumps:
            var step = model.logDrift + model.dailyVolatility * Ziggurat.normal(&stream, kn: kn, wn: wn)
            let u = stream.uniform()
            if u > model.noJumpProbability {
                // Poisson by inversion: count the jumps today.
                var count = 0
                var term = model.noJumpProbability, cumulative = term
                while u > cumulative && count < 50 {
                    count += 1
                    term *= model.jumpIntensity / Double(count)
                    cumulative += term
                }
                for _ in 0..<count { step += model.jumpMean + model.jumpStdDev * Ziggurat.normal(&stream, kn: kn, wn: wn) }
            }
            return step
        case .bootstrap:
            if blockOffset >= model.blockDays {
                let choices = UInt64(model.returns.count - model.blockDays + 1)
                blockStart = Int((UInt64(stream.next()) &* choices) >> 32)
                blockOffset = 0
            }
            defer { blockOffset += 1 }
            return model.returns[blockStart + blockOffset]
        }
    }

    /// Writes days 0…`days` − 1 of the walk, ln(P / P₀), into `walk`: what `logReturn(onDay:)`
    /// gives day by day, to the bit. A GBM walk takes its normals four at a time from each Philox
    /// block, the ziggurat's fast path unrolled over the block's words (about 97 % of draws); a
    /// draw that needs the slow path, and the days after it until a block starts again, go
    /// through the stream one word at a time, as `logReturn(onDay:)` does.
    public mutating func draw(into walk: UnsafeMutablePointer<Double>, days: Int) {
        guard days > 0 else { return }
        walk[0] = logReturn(onDay: 0)
        guard case .gbm = model.kind else {
            for day in 1..<days { walk[day] = logReturn(onDay: day) }
            return
        }
        let drift = model.logDrift, volatility = model.dailyVolatility
        var level = logReturn, day = 1
        while day < days {
            guard stream.atBlockStart, days - day >= 4 else {
                level += drift + volatility * Ziggurat.normal(&stream, kn: kn, wn: wn)
                walk[day] = level
                day += 1
                continue
            }
            let block = stream.nextBlock()
            // Word by word, in the stream's order; the first that needs the slow path leaves the
            // stream after it (and the words the slow path read), and the loop goes on from there.
            for taken in 1...4 {
                let word: UInt32
                switch taken {
                case 1: word = block.0
                case 2: word = block.1
                case 3: word = block.2
                default: word = block.3
                }
                let hz = Int32(bitPattern: word)
                let iz = Int(hz & 127)
                guard hz.magnitude < kn[iz] else {
                    stream.used = taken
                    level += drift + volatility * Ziggurat.slowPath(&stream, hz: hz, iz: iz)
                    walk[day] = level
                    day += 1
                    break
                }
                level += drift + volatility * (Double(hz) * wn[iz])
                walk[day] = level
                day += 1
            }
        }
        logReturn = level
    }

    /// BTC price in USD on `day`: P₀ · e^(sum of log returns so far); the sales do not move it (no impact model yet).
    public mutating func price(onDay day: Int, after previousDay: DayFlows?) -> Double {
        // Stepped first: as one expression, the path was copied for the price before the walk moved.
        let walked = logReturn(onDay: day)
        return price(onDay: day, atLogReturn: walked)
    }

    /// The path walks ln(P / P₀): the simulator can skip the `exp` on days no price is read.
    public static var walksLogPrice: Bool { true }

    /// ln(P / P₀) on `day`: the sum of the log returns so far.
    @inline(__always)
    public mutating func logReturn(onDay day: Int) -> Double {
        if day > 0 { logReturn += nextLogReturn() }
        return logReturn
    }

    /// P₀ · e^`logReturn`, USD (whatever the day).
    @inline(__always)
    public func price(onDay day: Int, atLogReturn logReturn: Double) -> Double { start * exp(logReturn) }
}
