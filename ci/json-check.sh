#!/usr/bin/env bash
# Validates the JSON exports against the published JSON Schemas with an independent validator
# (Python's jsonschema, draft 2020-12, formats checked): every example's report, a comparison, a
# quarter's batch summary, a history and the example system. Run from the package root after a release build.
set -euo pipefail
python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install -q jsonschema
bin="$PWD/.build/release/treasury-stress"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for example in strategy-like nakamoto-like ibit-fund; do
  "$bin" run "examples/$example.xml" --format json --paths 2000 --out "$out" >/dev/null
done
"$bin" compare examples/strategy-like.xml --variants examples/strategy-variants.xml --format json --paths 500 --out "$out" >/dev/null
cp -r examples "$out/examples"
"$bin" batch "$out/examples/batch-2026Q1.xml" --out "$out/batch" >/dev/null
"$bin" history strategy-like --database "$out/batch/history.sqlite" --format json > "$out/history.json"
"$bin" system examples/system-2025-10.xml --json --paths 500 --out "$out" >/dev/null
python3 - "$out" <<'PY'
import json, sys, pathlib, jsonschema
out = pathlib.Path(sys.argv[1])
def check(instance, schema_file):
    schema = json.load(open(f"json-schemas/{schema_file}"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = list(validator.iter_errors(json.load(open(instance))))
    for e in errors[:5]:
        print(f"{instance}: {'/'.join(map(str, e.absolute_path))}: {e.message}", file=sys.stderr)
    if errors:
        sys.exit(f"json check: {instance} does not validate against {schema_file}")
    print(f"json check: {instance.name} validates against {schema_file}")
for name in ["strategy-like", "nakamoto-like", "ibit-fund"]:
    check(out / f"{name}.json", "report.schema.json")
check(out / "strategy-like-comparison.json", "comparison.schema.json")
check(out / "batch/2026-Q1/summary.json", "batch-summary.schema.json")
check(out / "history.json", "history.schema.json")
check(out / "system-2025-10-system.json", "system-report.schema.json")
PY
