#!/usr/bin/env python3
"""Generates N illustrative treasuries (scaled variants of the three examples) and a batch
manifest running them against the built-in scenario set, for measuring `treasury-stress batch`.

Usage: python3 scripts/generate-batch.py N FOLDER [QUARTER]
Then:  /usr/bin/time -v .build/release/treasury-stress batch FOLDER/batch.xml --jobs 2
"""
import pathlib
import re
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
folder = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/treasury-batch")
quarter = sys.argv[3] if len(sys.argv) > 3 else "2026-Q1"
examples = ["strategy-like", "nakamoto-like", "ibit-fund"]
texts = {name: pathlib.Path(f"examples/{name}.xml").read_text() for name in examples}
(folder / "treasuries").mkdir(parents=True, exist_ok=True)


def scale(text, attribute, factor):
    def repl(m):
        return f'{attribute}="{float(m.group(1)) * factor:.6g}"'
    return re.sub(rf'\b{attribute}="([0-9.eE+-]+)"', repl, text)


for i in range(n):
    name = examples[i % 3]
    factor = 0.6 + 0.8 * ((i * 37) % 100) / 100  # 0.6 … 1.4, spread evenly
    text = texts[name]
    for attribute in ("units", "principal", "notional", "usd", "shares"):
        text = scale(text, attribute, factor if attribute != "principal" else 2 - factor)
    text = text.replace('name="', f'name="#{i:03d} ', 1) if '<treasury ' in text else text
    (folder / "treasuries" / f"{name}-{i:03d}.xml").write_text(text)

(folder / "batch.xml").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<batch xmlns="urn:treasury-stress:batch:1" quarter="{quarter}" output="reports">
  <treasury path="treasuries/*.xml"/>
  <scenarios builtIn="true"/>
</batch>
""")
print(f"wrote {n} treasuries and {folder / 'batch.xml'}")
