#!/usr/bin/env bash
# Builds ci/consumer, a package that depends on this one by version (tag 0.1.0 on a scratch clone
# of HEAD), and runs it on an example. SwiftPM refuses a versioned dependency whose products use
# unsafe flags, so this fails if one comes back. Run from the package root.
set -euo pipefail
root="$(pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
git clone -q "$root" "$scratch/TreasuryStress"
git -C "$scratch/TreasuryStress" -c user.name=ci -c user.email=ci@localhost tag -a 0.1.0 -m "consumer check"
cp -r "$root/ci/consumer" "$scratch/consumer"
sed -i "s#TREASURY_STRESS_CLONE#$scratch/TreasuryStress#" "$scratch/consumer/Package.swift"
cd "$scratch/consumer"
swift build 2>&1 | tail -3
.build/debug/Consumer "$root/examples/nakamoto-like.xml"
