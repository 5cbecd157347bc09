// swift-tools-version: 6.0
// A package that depends on TreasuryStress by version, as an audit tool or a dashboard would:
// .ci/run tags a scratch clone of this repository and builds this package against it, which fails
// when any library product uses unsafe flags or does not build for a consumer.
import PackageDescription

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "file://TREASURY_STRESS_CLONE", from: "0.1.0"),
    ],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [
                .product(name: "TreasuryStressKit", package: "TreasuryStress"),
                .product(name: "StressEngine", package: "TreasuryStress"),
                .product(name: "StressResults", package: "TreasuryStress"),
                .product(name: "TreasuryModel", package: "TreasuryStress"),
            ]
        ),
    ]
)
