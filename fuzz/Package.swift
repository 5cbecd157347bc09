// swift-tools-version: 6.0
// A libFuzzer target on the input readers (README "Fuzzing"). Built only with the fuzzer
// sanitizer, which supplies `main`:
//   swift build -c release --package-path fuzz -Xswiftc -sanitize=fuzzer,address
import PackageDescription

let package = Package(
    name: "InputFuzzer",
    dependencies: [.package(name: "TreasuryStress", path: "..")],
    targets: [
        .executableTarget(
            name: "InputFuzzer",
            dependencies: [.product(name: "TreasuryXML", package: "TreasuryStress")]
        ),
    ]
)
