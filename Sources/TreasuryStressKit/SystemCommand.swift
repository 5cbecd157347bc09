import Foundation
import StressEngine
public import StressResults
public import StressReports
public import TreasuryModel
public import TreasuryXML

/// `system SYSTEM.xml`: several treasuries on one BTC price (DESIGN §6.2); writes the system
/// report XML and its HTML page.
public enum SystemCommand {
    /// What `system` produced.
    public struct Output: Sendable {
        /// The system, its holders valued at its date and price.
        public var system: MarketSystem
        /// One result per scenario of the set, in set order.
        public var results: [SystemScenarioResult]
        /// Each holder's ladder in the system, in system order.
        public var ladders: [SystemHolderLadder]
        /// One result per Monte Carlo run of the set.
        public var monteCarlo: [SystemMonteCarloResult]
        public var xml: String
        public var html: String
        public var written: [String]
    }

    /// Reads the system file and its holders (each valued at the system's date and price) and the
    /// exogenous scenarios; every problem is a located bad input.
    public static func load(_ path: String) throws(ToolError) -> (system: MarketSystem, holders: [SystemReportWriter.HolderSource],
                                                                 scenarios: ScenarioSet, scenariosInput: ReportInput) {
        let bytes = try OutputFiles.read(path)
        let file: SystemFile
        do {
            file = try InputReader.systemFile(bytes, fileName: path)
        } catch {
            throw .input(error)
        }
        let folder = (path as NSString).deletingLastPathComponent
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") || folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
        }
        var system = file.system
        if file.holderPaths.count > InputBounds.maxHolders {
            throw .input(InputError("\(file.holderPaths.count) holders; a system may hold at most \(InputBounds.maxHolders)",
                                    at: system.location))
        }
        var sources: [SystemReportWriter.HolderSource] = []
        var seen: [String: String] = [:]
        for (relative, location) in file.holderPaths {
            let holderPath = resolve(relative)
            guard FileManager.default.fileExists(atPath: holderPath) else {
                throw .input(InputError("holder \"\(relative)\": no such file (paths are relative to the system file)", at: location))
            }
            let (treasury, input) = try ReportCommands.loadTreasury(holderPath)
            if let other = seen[treasury.name] {
                throw .input(InputError("holder \"\(relative)\": its treasury is named \"\(treasury.name)\" like \"\(other)\"'s; give each holder its own name",
                                        at: location))
            }
            seen[treasury.name] = relative
            system.holders.append(try valued(treasury, in: system, named: "holder \"\(relative)\"", at: location))
            sources.append((treasury.name, input.name, input.sha256))
        }
        let (set, setInput) = try ReportCommands.loadScenarios(file.scenariosPath.map(resolve))
        return (system, sources, set, setInput)
    }

    /// Runs every scenario of the set through the system, in memory.
    public static func produce(_ path: String, monteCarlo options: ReportCommands.MonteCarloOptions = .init(),
                               renderer: BoardReportRenderer? = nil,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws(ToolError) -> Output {
        let (system, holders, loaded, _) = try load(path)
        let set = options.apply(to: loaded)
        let steps = set.scenarios.count + 1 + set.monteCarlo.count
        let results = try scenarios(set, on: system) { done in progress?(done, steps) }
        let ladders = SystemLadder.build(system, jobs: options.jobs)
        progress?(results.count + 1, steps)
        var monteCarlo: [SystemMonteCarloResult] = []
        for spec in set.monteCarlo {
            do {
                monteCarlo.append(try SystemMonteCarlo.run(spec, system: system, jobs: options.jobs))
            } catch {
                throw .input(error)
            }
            progress?(results.count + 1 + monteCarlo.count, steps)
        }
        let xml: String
        do {
            xml = try SystemReportWriter.xml(system, holders: holders, results: results, ladders: ladders,
                                             monteCarlo: monteCarlo, toolVersion: ToolVersion.current)
        } catch {
            throw .internal("the system report does not validate against system-report.xsd: \(error)")
        }
        let html: String
        do {
            html = try (renderer ?? BoardReportRenderer()).renderSystem(system, results: results, ladders: ladders, monteCarlo: monteCarlo,
                                                                     scenarioSetName: set.name, toolVersion: ToolVersion.current)
        } catch {
            throw .usage("templates: \(error)")
        }
        return Output(system: system, results: results, ladders: ladders, monteCarlo: monteCarlo, xml: xml, html: html, written: [])
    }

    /// `system`: produce, then write `<out>/<system stem>-system.xml`, `.html`, `.pdf` (the page
    /// printed through headless Chromium), `-<table>.csv` and `.json`, as asked, together.
    public static func run(_ path: String, outDirectory: String, formats: Set<ReportCommands.Format> = [.xml, .html],
                           monteCarlo: ReportCommands.MonteCarloOptions = .init(), renderer: BoardReportRenderer? = nil,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(ToolError) -> Output {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let base = (outDirectory as NSString).appendingPathComponent(stem + "-system")
        let tables = formats.contains(.csv) ? ["scenarios", "days", "holders", "ladder", "montecarlo-probabilities"] : []
        let planned = [(ReportCommands.Format.xml, ".xml"), (.html, ".html"), (.pdf, ".pdf"), (.json, ".json")]
            .filter { formats.contains($0.0) }.map { base + $0.1 } + tables.map { base + "-\($0).csv" }
        try OutputFiles.refuseToOverwrite(inputs: [path], outputs: planned)
        var output = try produce(path, monteCarlo: monteCarlo, renderer: renderer, progress: progress)
        var files: [(bytes: [UInt8], path: String)] = []
        if formats.contains(.xml) { files.append((Array(output.xml.utf8), base + ".xml")) }
        if formats.contains(.html) { files.append((Array(output.html.utf8), base + ".html")) }
        if formats.contains(.pdf) { files.append((try PDFPrinter.pdf(of: output.html), base + ".pdf")) }
        if formats.contains(.csv) {
            for table in ReportTables.tables(output.system, results: output.results, ladders: output.ladders, monteCarlo: output.monteCarlo) {
                files.append((try ReportTables.csv(table), base + "-\(table.name).csv"))
            }
        }
        if formats.contains(.json) { files.append((try Exports.json(xml: output.xml, document: .systemReport), base + ".json")) }
        try OutputFiles.writeTogether(bytes: files)
        output.written = files.map(\.path)
        return output
    }

    /// "If the others sell too" for `treasury` (`run --system`): the system's holders with this
    /// treasury among them (it replaces the holder of the same name, or joins), each scenario of
    /// the system's set with everyone's selling and alone.
    public static func section(for treasury: Treasury, systemPath: String) throws(ToolError) -> SystemSection {
        var (system, _, set, _) = try load(systemPath)
        let valued = try valued(treasury, in: system, named: treasury.name, at: system.location)
        let index: Int
        if let existing = system.holders.firstIndex(where: { $0.name == treasury.name }) {
            system.holders[existing] = valued
            index = existing
        } else {
            system.holders.append(valued)
            index = system.holders.count - 1
        }
        let rows = try scenarios(set, on: system).map { result in
            let holder = result.holders[index]
            return SystemSection.Row(
                scenarioID: result.scenarioID, scenarioName: result.scenarioName, amplification: result.amplification,
                btcSold: holder.outcome.btcSold, btcSoldAlone: holder.counterfactual.btcSold,
                firstForcedSaleDay: holder.outcome.firstForcedSale?.day, firstForcedSaleDayAlone: holder.counterfactual.firstForcedSale?.day,
                firstDefaultDay: holder.outcome.firstDefaultDay, firstDefaultDayAlone: holder.counterfactual.firstDefaultDay,
                caused: holder.causedBySpiral.map { caused in
                    SystemSection.CausedTrigger(trigger: caused.trigger, day: caused.day, precededBy: caused.precededBy.map {
                        .init(name: SystemViewModel.sourceName($0.kind, system), usd: $0.usd)
                    })
                })
        }
        // The no-feedback rung's driver is the holder's own ladder's, not stored in the report.
        let ladders = SystemLadder.build(system)
        let ladder = ladders.indices.contains(index) ? ladders[index].rungs : []
        return SystemSection(systemName: system.name, asOf: system.asOf, btcPrice: system.btcPrice,
                             horizonDays: system.horizonDays, others: system.holders.indices.filter { $0 != index }.map { system.holders[$0].name }, rows: rows,
                             ladder: ladder.map { rung in
                                 var rung = rung
                                 rung.alone.driver = nil
                                 return rung
                             })
    }

    /// `treasury` at the system's date and price, which it must validate at (`name` and
    /// `location` say where the refusal points).
    static func valued(_ treasury: Treasury, in system: MarketSystem, named name: String,
                       at location: SourceLocation?) throws(ToolError) -> Treasury {
        var valued = treasury
        valued.asOf = system.asOf
        valued.market.btcPrice = system.btcPrice
        let problems = valued.validationProblems()
        if !problems.isEmpty {
            throw .input(InputError("\(name) cannot be valued at the system's date \(system.asOf) and price: "
                + problems.map(\.description).joined(separator: "; "), at: location))
        }
        return valued
    }

    /// Every scenario of `set` through `system`, in set order; `done` hears each finished count.
    static func scenarios(_ set: ScenarioSet, on system: MarketSystem,
                          done: ((Int) -> Void)? = nil) throws(ToolError) -> [SystemScenarioResult] {
        var results: [SystemScenarioResult] = []
        for scenario in set.scenarios {
            let path: PricePath
            do {
                path = try PricePath.forScenario(scenario.path, start: system.btcPrice, horizonDays: system.horizonDays,
                                                 location: scenario.location)
            } catch {
                throw .input(error)
            }
            results.append(SystemRun.run(system, scenarioID: scenario.id, scenarioName: scenario.name, path: path,
                                         conditions: ScenarioConditions(scenario)))
            done?(results.count)
        }
        return results
    }
}
