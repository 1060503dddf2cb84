#!/usr/bin/python3
"""The README's scorecard from one or more `bin/snnlab reproduce` report folders.

    tools/scorecard_md.py REPORT_DIR [REPORT_DIR ...] > scorecard.md

Reads each folder's summary.json (and the scale from its index.html title); a notebook found in
several folders is taken from the last one named, so a full run can be completed by later runs of
single notebooks (`bin/snnlab reproduce --scale default --out DIR notebooks/NN-....ipynb`). Prints a
Markdown table of every paper notebook's claims (paper, what was measured, verdict) and a table of
runtimes per notebook with the scale and the folder each came from. Exit code 2 names a folder
without a readable summary.json.
"""
import html
import json
import os
import re
import sys


def load(folder):
    path = os.path.join(folder, "summary.json")
    try:
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)
    except (OSError, ValueError) as e:
        print(f"scorecard: {path}: {e}", file=sys.stderr)
        sys.exit(2)
    scale = "?"
    try:
        with open(os.path.join(folder, "index.html"), encoding="utf-8") as f:
            m = re.search(r"<title>snnlab report \(([a-z]+)\)</title>", f.read(4096))
            scale = m.group(1) if m else scale
    except OSError:
        pass
    return entries, scale


def cell(text):
    return html.unescape(str(text)).replace("|", "\\|").replace("\n", " ")


def main(folders):
    if not folders:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    chosen = {}
    for folder in folders:
        entries, scale = load(folder)
        for e in entries:
            chosen[e["notebook"]] = (e, scale, folder)
    print("| notebook | claim | paper | measured here | verdict |")
    print("|---|---|---|---|---|")
    for name in sorted(chosen):
        e, scale, _ = chosen[name]
        for c in e.get("claims") or []:
            measured = c["measured"] if c["measured"] not in ("", "-") else f"- ({c.get('note', '')})"
            print(f"| `{name}` | {cell(c['claim'])} | {cell(c['paper'])} | {cell(measured)} | **{cell(c['verdict'])}** |")
    print()
    print("| notebook | scale | runtime | status |")
    print("|---|---|---|---|")
    total = 0.0
    for name in sorted(chosen):
        e, scale, folder = chosen[name]
        secs = float(e.get("seconds") or 0)
        total += secs
        status = "ok" if not e.get("error") else f"failed in cell {e.get('failed_cell')}"
        print(f"| `{name}` | {scale} | {secs / 60:.1f} min | {status} |")
    print(f"| all | | {total / 60:.1f} min | |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
