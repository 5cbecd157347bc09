/// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a
/// counter-based generator. The output for (key, counter) needs no state, so path i's stream is
/// a function of (seed, i) alone and results do not depend on threads or sharding.
public struct Philox4x32: Sendable {
    /// Four 32-bit words.
    public typealias Block = (UInt32, UInt32, UInt32, UInt32)

    /// The ten-round bijection of `counter` under `key`.
    @inline(__always)
    public static func block(_ counter: Block, key: (UInt32, UInt32)) -> Block {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for _ in 0..<10 {
            let p0 = UInt64(0xD251_1F53) &* UInt64(c0)
            let p1 = UInt64(0xCD9E_8D57) &* UInt64(c2)
            let hi0 = UInt32(truncatingIfNeeded: p0 >> 32), lo0 = UInt32(truncatingIfNeeded: p0)
            let hi1 = UInt32(truncatingIfNeeded: p1 >> 32), lo1 = UInt32(truncatingIfNeeded: p1)
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
            k0 = k0 &+ 0x9E37_79B9
            k1 = k1 &+ 0xBB67_AE85
        }
        return (c0, c1, c2, c3)
    }
}

/// The random stream of one Monte Carlo path: Philox blocks for counters (n, 0, path lo, path hi),
/// n = 0, 1, 2…, under the key made from the seed.
public struct PathRandomStream: Sendable {
    let key: (UInt32, UInt32)
    let pathLow: UInt32
    let pathHigh: UInt32
    var blockIndex: UInt32 = 0
    var buffer: Philox4x32.Block = (0, 0, 0, 0)
    var used = 4

    /// The stream of path `path` under `seed`.
    public init(seed: UInt64, path: UInt64) {
        key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        pathLow = UInt32(truncatingIfNeeded: path)
        pathHigh = UInt32(truncatingIfNeeded: path >> 32)
    }

    /// The next 32 random bits.
    @inline(__always)
    public mutating func next() -> UInt32 {
        if used == 4 {
            buffer = Philox4x32.block((blockIndex, 0, pathLow, pathHigh), key: key)
            blockIndex &+= 1
            used = 0
        }
        defer { used += 1 }
        switch used {
        case 0: return buffer.0
        case 1: return buffer.1
        case 2: return buffer.2
        default: return buffer.3
        }
    }

    /// The next block's four words, as `next()` would return them one by one, when the last block
    /// is used up (`used == 4`); the caller takes them all, or sets `used` to how many it took.
    @inline(__always)
    mutating func nextBlock() -> Philox4x32.Block {
        buffer = Philox4x32.block((blockIndex, 0, pathLow, pathHigh), key: key)
        blockIndex &+= 1
        used = 4
        return buffer
    }

    /// Whether the stream stands at the start of a block (the last one used up).
    var atBlockStart: Bool { used == 4 }

    /// A uniform in (0, 1), never 0 or 1.
    @inline(__always)
    public mutating func uniform() -> Double { (Double(next()) + 0.5) * (1.0 / 4_294_967_296.0) }

    /// A standard normal from the ziggurat.
    @inline(__always)
    public mutating func normal() -> Double { Ziggurat.normal(&self) }
}
