#!/usr/bin/python3
"""Notebook outputs are never committed. Strips outputs, execution counts and execution metadata
from notebooks in place, or with --check only lists the notebooks that still carry any (exit 1).

usage: /usr/bin/python3 kernel/strip_outputs.py [--check] [NOTEBOOK...]   (default: notebooks/*.ipynb)
Uses only the standard library (json), keeps the file's 1-space indentation and key order.
"""
import glob, json, os, sys


def dirty(cell):
    return cell.get("cell_type") == "code" and (
        cell.get("outputs") or cell.get("execution_count") is not None or "execution" in cell.get("metadata", {}))


def strip(cell):
    if cell.get("cell_type") == "code":
        cell["outputs"], cell["execution_count"] = [], None
        cell.get("metadata", {}).pop("execution", None)


def main(argv):
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"] or sorted(
        glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "notebooks", "*.ipynb")))
    bad = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            nb = json.load(f)
        cells = [i for i, c in enumerate(nb.get("cells", [])) if dirty(c)]
        if not cells:
            continue
        if check:
            bad.append("%s: cells %s have outputs or execution counts" % (os.path.relpath(p), cells))
            continue
        for c in nb["cells"]:
            strip(c)
        with open(p, "w", encoding="utf-8") as f:
            json.dump(nb, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print("stripped %s (%d cells)" % (os.path.relpath(p), len(cells)), file=sys.stderr)
    for b in bad:
        print(b, file=sys.stderr)
    if bad:
        print("run: /usr/bin/python3 kernel/strip_outputs.py", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
