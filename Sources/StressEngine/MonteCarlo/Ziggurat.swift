import Foundation

/// Marsaglia and Tsang's ziggurat for standard normals ("The ziggurat method for generating
/// random variables", J. Stat. Software 2000), 128 layers on 32-bit draws: one draw and one
/// multiply for about 98 % of samples.
public enum Ziggurat {
    struct Tables: Sendable {
        var kn = [UInt32](repeating: 0, count: 128)
        var wn = [Double](repeating: 0, count: 128)
        var fn = [Double](repeating: 0, count: 128)
    }

    static let r = 3.442619855899

    /// The tables in permanent, immutable-after-init memory: no reference counting in the hot path.
    nonisolated(unsafe) static let kn: UnsafePointer<UInt32> = copy(tables.kn)
    nonisolated(unsafe) static let wn: UnsafePointer<Double> = copy(tables.wn)
    nonisolated(unsafe) static let fn: UnsafePointer<Double> = copy(tables.fn)

    static func copy<T>(_ values: [T]) -> UnsafePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: values.count)
        pointer.initialize(from: values, count: values.count)
        return UnsafePointer(pointer)
    }

    static let tables: Tables = {
        var t = Tables()
        let m1 = 2_147_483_648.0
        var dn = r, tn = r
        let vn = 9.91256303526217e-3
        let q = vn / exp(-0.5 * dn * dn)
        t.kn[0] = UInt32((dn / q) * m1)
        t.kn[1] = 0
        t.wn[0] = q / m1
        t.wn[127] = dn / m1
        t.fn[0] = 1
        t.fn[127] = exp(-0.5 * dn * dn)
        for i in stride(from: 126, through: 1, by: -1) {
            dn = (-2 * log(vn / dn + exp(-0.5 * dn * dn))).squareRoot()
            t.kn[i + 1] = UInt32((dn / tn) * m1)
            tn = dn
            t.fn[i] = exp(-0.5 * dn * dn)
            t.wn[i] = dn / m1
        }
        return t
    }()

    /// A standard normal sample drawn from `stream`.
    @inline(__always)
    public static func normal(_ stream: inout PathRandomStream) -> Double {
        normal(&stream, kn: kn, wn: wn)
    }

    /// The same, with the tables passed in (a path keeps them, so no lazy-global check per draw).
    @inline(__always)
    static func normal(_ stream: inout PathRandomStream, kn: UnsafePointer<UInt32>, wn: UnsafePointer<Double>) -> Double {
        let hz = Int32(bitPattern: stream.next())
        let iz = Int(hz & 127)
        if hz.magnitude < kn[iz] { return Double(hz) * wn[iz] }
        return slowPath(&stream, hz: hz, iz: iz)
    }

    static func slowPath(_ stream: inout PathRandomStream, hz start: Int32, iz start2: Int) -> Double {
        var hz = start, iz = start2
        let t = (kn: kn, wn: wn, fn: fn)
        while true {
            let x = Double(hz) * t.wn[iz]
            if iz == 0 {
                var tail: Double, y: Double
                repeat {
                    tail = -log(stream.uniform()) / r
                    y = -log(stream.uniform())
                } while y + y < tail * tail
                return hz > 0 ? r + tail : -r - tail
            }
            if t.fn[iz] + stream.uniform() * (t.fn[iz - 1] - t.fn[iz]) < exp(-0.5 * x * x) { return x }
            hz = Int32(bitPattern: stream.next())
            iz = Int(hz & 127)
            if hz.magnitude < t.kn[iz] { return Double(hz) * t.wn[iz] }
        }
    }
}
