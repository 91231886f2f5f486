import Foundation

/// Walks a running `demo` forward through every step and back to the start, timing each key at
/// the app (key taken → frame handed over), with a trainer's reading pause before each key.
enum DemoBenchWalk {
    struct Samples {
        var forward: [Double] = []
        var back: [Double] = []
        /// The step each sample reached (1-based; 0 is the start), to name the slowest.
        var forwardReached: [Int] = []
        var backReached: [Int] = []

        static func slowest(_ samples: [Double], _ reached: [Int]) -> String {
            guard let i = samples.indices.max(by: { samples[$0] < samples[$1] }) else { return "" }
            return "slowest: to step \(reached[i]), \(BenchUnit.milliseconds.format(samples[i]))"
        }
    }

    enum Keys {
        static let next = " ", back = "\u{1B}OD"
    }

    static func run(_ demo: BenchChild, steps: Int, rounds: Int, pause: Double) throws -> Samples {
        var samples = Samples()
        for _ in 0..<rounds {
            for step in 1...steps {
                usleep(UInt32(pause * 1e6))
                samples.forward.append(try demo.press(Keys.next).applicationMs)
                samples.forwardReached.append(step)
            }
            for step in (0..<steps).reversed() {
                usleep(UInt32(pause * 1e6))
                samples.back.append(try demo.press(Keys.back).applicationMs)
                samples.backReached.append(step)
            }
        }
        return samples
    }
}
