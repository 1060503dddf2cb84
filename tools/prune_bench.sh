#!/usr/bin/env bash
# Wall-clock speed-up of pruned epochs vs full-data epochs on fc / Fashion-MNIST (issue 13's speed
# acceptance: at least 90% of the theoretical 1/(1-r), scoring overhead included).
#   tools/prune_bench.sh [N_TRAIN=20000] [METHODS="sadp random"] [RATIOS="0.5 0.7"]
# Each run trains 5 epochs at T = 4 with a 10-example test set (so evaluation adds ~nothing to
# epoch_seconds); epoch 0 warms the JVM up (and is full data in the pruned runs: --prune-full-first 1),
# epochs 1-4 are timed (pruned in the pruned runs: --prune-full-last 0); the median epoch is reported
# (and the fastest, less sensitive to other processes on a shared machine). Pruned epoch time includes the
# plan (sampling), the per-example scoring in the training step and the scoreboard updates.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-20000}"; methods="${2:-sadp random}"; ratios="${3:-0.5 0.7}"
out="$(mktemp -d "${TMPDIR:-/tmp}/prune-bench.XXXXXX")"
export SNNLAB_THREADS="${SNNLAB_THREADS:-1}"
common=(train --model fc --dataset fashion-mnist --epochs 5 --time-steps 4 --limit-train "$n" --limit-test 10 --seed 1 --quiet --no-checkpoint)
"$root/bin/snnlab" "${common[@]}" --out "$out/full" > /dev/null
for m in $methods; do for r in $ratios; do
  "$root/bin/snnlab" "${common[@]}" --prune "$m" --prune-ratio "$r" --prune-full-first 1 --prune-full-last 0 --out "$out/$m-$r" > /dev/null
done; done
/usr/bin/python3 - "$out" "$n" <<'PY'
import csv, os, sys
out, n = sys.argv[1], sys.argv[2]
def epochs(run):
    rows = list(csv.DictReader(open(os.path.join(out, run, "metrics.csv"))))
    return rows[1:]  # epoch 0 = warm-up
import statistics
def times(run): return [float(r["epoch_seconds"]) for r in epochs(run)]
full, fullmin = statistics.median(times("full")), min(times("full"))
print(f"fc, Fashion-MNIST {n} training examples, T = 4, {os.environ.get('SNNLAB_THREADS')} thread(s); full-data epoch {full:.2f} s (median of epochs 1-4; fastest {fullmin:.2f} s)")
print("method   r    visited  epoch_s  scoring_s  speed-up  theory  share of theory  (fastest epochs: speed-up, share)")
for run in sorted(d for d in os.listdir(out) if d != "full"):
    m, r = run.rsplit("-", 1); r = float(r)
    rows = epochs(run)
    t, tmin = statistics.median(times(run)), min(times(run))
    sc = statistics.median(float(x["scoring_seconds"]) for x in rows)
    vis = rows[0]["examples_visited"]
    sp, th, spmin = full / t, 1 / (1 - r), fullmin / tmin
    print(f"{m:8s} {r:.1f} {float(vis):8.0f} {t:8.2f} {sc:10.3f} {sp:9.2f} {th:7.2f} {100 * sp / th:8.0f}%          {spmin:5.2f} {100 * spmin / th:4.0f}%")
PY
echo "runs in $out"
