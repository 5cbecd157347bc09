import Foundation
import TreasuryXML

/// libFuzzer's driver (compiler-rt, linked by `-sanitize=fuzzer`): parses the command line,
/// runs the corpus and mutates it, calling `test` once per input.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// Feeds every input to every reader of untrusted XML. A bad input must end in an `InputError`
/// (a located message); a crash, a sanitizer report, a leak or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // By namespace, as `treasury-stress validate` reads any file (treasury, scenarios, report,
    // variants, batch manifest)…
    _ = try? InputReader.validate(bytes, fileName: "fuzz.xml")
    // …and as each reader alone, so that a document of one kind is fed to the others too.
    _ = try? InputReader.treasury(bytes, fileName: "fuzz.xml")
    _ = try? InputReader.scenarioSet(bytes, fileName: "fuzz.xml")
    _ = try? InputReader.report(bytes, fileName: "fuzz.xml")
    return 0
}

@main
enum InputFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { fuzzOneInput($0, $1) })
    }
}
