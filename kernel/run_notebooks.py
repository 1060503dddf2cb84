#!/usr/bin/python3
"""Execute notebooks headlessly in the real kernel and write an HTML report.

For each notebook: run every cell in order in the Jupyter kernel named in --kernel (nbclient, the
library under nbconvert), with a per-cell timeout and SNN_SCALE in the kernel's environment; write the
executed .ipynb (also when a cell fails; its metadata.kernelspec names the kernel that ran it) and an .html rendering into OUT; extract every image/png
output into OUT/figures/ (and an image/svg+xml beside it as .svg); training runs write into OUT/runs/NAME ($SNNLAB_RUNS, emptied first). Finally write OUT/index.html linking every notebook and figure. Exit code 1
when any cell of any notebook failed or timed out (the failing notebook and cell are named on stderr),
or when a notebook produced no image/png output at all (every notebook must show a figure).

usage: /usr/bin/python3 kernel/run_notebooks.py --out DIR [--scale smoke] [--timeout 1800]
                                               [--kernel snnlab] NOTEBOOK...
"""
import argparse, base64, html, json, os, shutil, sys, threading, time
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from nbconvert import HTMLExporter
from jupyter_client import KernelManager

def env_number(name, default, kind):
    """The positive number in environment variable `name` (else `default`); one line and exit code 2 when it is not one."""
    raw = os.environ.get(name, default)
    try:
        value = kind(raw)
        if value > 0:
            return value
    except ValueError:
        pass
    print("reproduce: %s must be a positive %s, got %r" % (name, kind.__name__, raw), file=sys.stderr)
    sys.exit(2)


START_GRACE_S = env_number("SNNLAB_KERNEL_GRACE", "4", float)
START_ATTEMPTS = env_number("SNNLAB_KERNEL_ATTEMPTS", "8", int)
READY_TIMEOUT_S = env_number("SNNLAB_KERNEL_READY_TIMEOUT", "15", float)


def start_kernel(kernel, cwd, log, attempts=START_ATTEMPTS):
    """A started kernel that answered kernel_info. rapaio-jupyter-kernel binds its sockets before it
    registers its handlers, and a request arriving in between kills its shell thread: wait a moment
    before the first request. Independently of that wait, about one start in seven (measured on a quiet
    2-core machine, more under load) binds every socket and then never answers any client, a new one
    included: such a kernel is shut down and started again, up to `attempts` times, the wait and the
    timeout growing a little each time (a healthy kernel answers within ~3 s of the wait)."""
    grace = START_GRACE_S
    for attempt in range(attempts):
        km = KernelManager(kernel_name=kernel)
        km.start_kernel(cwd=cwd, stdout=log, stderr=log)  # the kernel's own chatter goes to a log file
        time.sleep(grace)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=READY_TIMEOUT_S + grace)
            return km, kc  # keep this client: rapaio answers only the session that spoke first
        except RuntimeError:
            print("reproduce: kernel did not answer (attempt %d of %d), restarting" % (attempt + 1, attempts), file=sys.stderr)
            kc.stop_channels()
            km.shutdown_kernel(now=True)
            grace = min(grace * 1.5, 30)
    raise RuntimeError("the %s kernel did not start after %d attempts" % (kernel, attempts))


def heartbeat(name, cells, current, started, t0, stop, every=60):
    """Prints, once a minute while a notebook runs, which cell it is in, for how long, and an estimate of what is left."""
    while not stop.wait(every):
        i = current[0]
        if i is None:
            continue
        elapsed = time.time() - t0
        left = elapsed / max(i, 1) * (cells - i) if i > 0 else float("nan")
        print("reproduce: %s: cell %d/%d running for %.0f s (notebook %.0f s so far, about %s left at this pace)"
              % (name, i, cells, time.time() - started[0], elapsed, "?" if left != left else "%.0f s" % left),
              file=sys.stderr, flush=True)


def claims_of(out, name):
    """The claims the notebook recorded (notebook.Claims writes OUT/runs/NAME/claims.json), or []."""
    f = os.path.join(out, "runs", name, "claims.json")
    try:
        with open(f) as fh:
            return json.load(fh).get("claims", [])
    except (OSError, ValueError):
        return []


def unreadable(path):
    """None when path is a readable notebook, else one line naming the file and the parse error."""
    try:
        with open(path, encoding="utf-8") as f:
            json.load(f)
    except ValueError as e:
        return "%s: not a notebook (JSON: %s)" % (path, str(e).splitlines()[0])
    except OSError as e:
        return "%s: cannot read (%s)" % (path, e.strerror or e)
    try:
        nbformat.read(path, as_version=4)
    except Exception as e:  # nbformat's validation errors: keep the first line
        return "%s: not a valid notebook (%s)" % (path, (str(e).strip().splitlines() or [repr(e)])[0][:300])
    return None


def record_kernel(nb, kernel, km):
    """The executed notebook names the kernel that ran it (not the one it was saved with)."""
    spec = None
    try:
        spec = km.kernel_spec if km is not None else None
    except Exception:  # no such kernelspec: keep the name alone
        pass
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": getattr(spec, "display_name", kernel),
                                 "language": getattr(spec, "language", "java")}


def run_one(path, out, scale, timeout, kernel):
    name = os.path.splitext(os.path.basename(path))[0]
    bad = unreadable(path)
    if bad is not None:
        return {"notebook": name, "seconds": 0.0, "figures": [], "error": bad, "failed_cell": None, "claims": []}
    nb = nbformat.read(path, as_version=4)
    os.environ["SNN_SCALE"] = scale
    # training runs go to a fresh OUT/runs/NAME (never resuming an old checkpoint), kept with the report
    runs = os.path.join(os.path.abspath(out), "runs", name)
    shutil.rmtree(runs, ignore_errors=True)
    os.environ["SNNLAB_RUNS"] = runs
    t0, error = time.time(), None
    km, current = None, [None]  # the index of the cell executing now (a timed-out cell has no error output)
    log = open(os.path.join(out, name + ".kernel.log"), "w")
    try:
        km, kc = start_kernel(kernel, os.path.dirname(os.path.abspath(path)), log)
        record_kernel(nb, kernel, km)
        client = NotebookClient(nb, km=km, timeout=timeout, kernel_name=kernel, allow_errors=False,
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        client.kc = kc
        started = [time.time()]
        def on_start(cell, cell_index):
            current[0] = cell_index
            started[0] = time.time()
        client.on_cell_start = on_start
        stop = threading.Event()
        threading.Thread(target=heartbeat, args=(name, len(nb.cells), current, started, t0, stop), daemon=True).start()
        try:
            client.execute()
        finally:
            stop.set()
    except (CellExecutionError, CellTimeoutError) as e:
        error = e
    except Exception as e:  # kernel died, could not start, ...
        error = e
    finally:
        if km is not None and km.has_kernel:
            km.shutdown_kernel(now=True)
        log.close()
    seconds = time.time() - t0
    record_kernel(nb, kernel, km)  # again: nbclient may have rewritten the metadata
    nbformat.write(nb, os.path.join(out, name + ".ipynb"))
    body, _ = HTMLExporter().from_notebook_node(nb)
    with open(os.path.join(out, name + ".html"), "w", encoding="utf-8") as f:
        f.write(body)
    figures = []
    os.makedirs(os.path.join(out, "figures"), exist_ok=True)
    for ci, cell in enumerate(nb.cells):
        for oi, o in enumerate(cell.get("outputs", [])):
            png = o.get("data", {}).get("image/png")
            if png:
                fig = "figures/%s-cell%02d-%d.png" % (name, ci, oi)
                with open(os.path.join(out, fig), "wb") as f:
                    f.write(base64.b64decode(png))
                figures.append(fig)
                svg = o.get("data", {}).get("image/svg+xml")  # charts carry their SVG beside the PNG
                if svg:
                    with open(os.path.join(out, fig[:-4] + ".svg"), "w", encoding="utf-8") as f:
                        f.write(svg if isinstance(svg, str) else "".join(svg))
    failed_cell, message = None, None
    if error is not None:
        failed_cell = next((i for i, c in enumerate(nb.cells) if any(o.get("output_type") == "error" for o in c.get("outputs", []))),
                           current[0])
        if isinstance(error, CellTimeoutError):
            message = "timed out after %d s per cell" % timeout
        else:
            text = str(error).strip()
            message = text.splitlines()[-1][:500] if text else repr(error)
        if failed_cell is not None and failed_cell < len(nb.cells):
            first = next((l for l in nb.cells[failed_cell].source.splitlines() if l.strip()), "")
            message += " | cell source: " + first.strip()[:120]
    elif not figures:
        message = "no image/png output: every notebook must show at least one figure"
    return {"notebook": name, "kernel": kernel, "seconds": round(seconds, 1), "figures": figures, "error": message,
            "failed_cell": failed_cell, "claims": claims_of(out, name)}


def index(out, results, scale):
    rows = []
    for r in results:
        status = "ok" if r["error"] is None else "FAILED (cell %s): %s" % (r["failed_cell"], html.escape(r["error"]))
        figs = "".join('<a href="%s"><img src="%s" style="height:120px;margin:2px"></a>' % (f, f) for f in r["figures"])
        rows.append('<tr><td><a href="%s.html">%s</a></td><td>%s</td><td>%s</td><td>%.1f s</td><td>%s</td></tr>'
                    % (r["notebook"], r["notebook"], html.escape(r.get("kernel", "")), status, r["seconds"], figs))
    card = []
    for r in results:
        for c in r.get("claims", []):
            fig = html.escape(c.get("figure", ""))
            card.append('<tr><td><a href="%s.html">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td><b>%s</b></td><td>%s</td><td>%s</td></tr>'
                        % (r["notebook"], r["notebook"], html.escape(c["claim"]), html.escape(c["paper"]), html.escape(c["measured"]),
                           html.escape(c["verdict"]), html.escape(c["note"]), fig))
    scorecard = ("<h2>Scorecard: the papers' claims at this scale</h2><table border=1 cellpadding=4><tr><th>notebook</th>"
                 "<th>claim</th><th>paper</th><th>measured here</th><th>verdict</th><th>why / limits</th><th>figure</th></tr>%s</table>"
                 % "".join(card)) if card else ""
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
        f.write("<html><head><meta charset='utf-8'><title>snnlab report (%s)</title></head><body>"
                "<h1>snnlab: executed notebooks, scale %s</h1>%s<h2>Notebooks</h2><table border=1 cellpadding=4>"
                "<tr><th>notebook</th><th>kernel</th><th>status</th><th>time</th><th>figures</th></tr>%s</table></body></html>"
                % (scale, scale, scorecard, "".join(rows)))
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(results, f, indent=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--scale", default="default", choices=["smoke", "default", "paper"])
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    ap.add_argument("--kernel", default="snnlab")
    ap.add_argument("notebooks", nargs="+")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    results = []
    for nb in a.notebooks:
        print("reproduce: %s (scale %s) ..." % (nb, a.scale), file=sys.stderr, flush=True)
        r = run_one(nb, a.out, a.scale, a.timeout, a.kernel)
        results.append(r)
        index(a.out, results, a.scale)  # written after every notebook: a crash loses nothing done
        state = "ok" if r["error"] is None else "FAILED in cell %s: %s" % (r["failed_cell"], r["error"])
        print("reproduce: %s %s in %.1f s, %d figure(s)" % (r["notebook"], state, r["seconds"], len(r["figures"])),
              file=sys.stderr, flush=True)
    failed = [r for r in results if r["error"] is not None]
    print(json.dumps({"notebooks": len(results), "failed": len(failed), "out": a.out,
                      "index": os.path.join(a.out, "index.html")}))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
