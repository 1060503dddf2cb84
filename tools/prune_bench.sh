#!/usr/bin/env bash
# Speed-up of pruned epochs vs full-data epochs on fc / Fashion-MNIST (issue 13's speed acceptance:
# at least 90% of the theoretical 1/(1-r), scoring overhead included).
#   tools/prune_bench.sh [N_TRAIN=20000] [METHODS="sadp random"] [RATIOS="0.5 0.7"] [REPS=2]
# Each run trains 5 epochs at T = 4 with a 10-example test set (so evaluation adds ~nothing);
# epoch 0 warms the JVM up (and is full data in the pruned runs: --prune-full-first 1), epochs 1-4 are
# timed (pruned in the pruned runs: --prune-full-last 0). The runs alternate (full, then every pruned
# setting, REPS times over), so a disturbance of the shared machine hits all settings alike.
# Reported per setting, over its timed epochs of all repetitions: the median and the fastest wall
# time of the training loop (train_seconds: plan, per-example scoring, scoreboard and steps), and the
# median process CPU time of the same loop (train_cpu_seconds: the work done, which other processes
# on the machine do not stretch; with SNNLAB_THREADS=1 no OpenMP thread spins while it waits).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-20000}"; methods="${2:-sadp random}"; ratios="${3:-0.5 0.7}"; reps="${4:-2}"
out="$(mktemp -d "${TMPDIR:-/tmp}/prune-bench.XXXXXX")"
export SNNLAB_THREADS="${SNNLAB_THREADS:-1}"
common=(train --model fc --dataset fashion-mnist --epochs 5 --time-steps 4 --limit-train "$n" --limit-test 10 --seed 1 --quiet --no-checkpoint)
for rep in $(seq 1 "$reps"); do
  "$root/bin/snnlab" "${common[@]}" --out "$out/full@$rep" > /dev/null
  for m in $methods; do for r in $ratios; do
    "$root/bin/snnlab" "${common[@]}" --prune "$m" --prune-ratio "$r" --prune-full-first 1 --prune-full-last 0 --out "$out/$m-$r@$rep" > /dev/null
  done; done
  echo "prune_bench: repetition $rep of $reps done" >&2
done
/usr/bin/python3 - "$out" "$n" <<'PY'
import csv, os, statistics, sys
out, n = sys.argv[1], sys.argv[2]
runs = {}
for d in sorted(os.listdir(out)):
    setting = d.split("@")[0]
    rows = list(csv.DictReader(open(os.path.join(out, d, "metrics.csv"))))[1:]  # epoch 0 = warm-up
    runs.setdefault(setting, []).extend(rows)
def col(rows, c): return [float(r[c]) for r in rows]
full = runs.pop("full")
fw, fmin, fc = statistics.median(col(full, "train_seconds")), min(col(full, "train_seconds")), statistics.median(col(full, "train_cpu_seconds"))
print(f"fc, Fashion-MNIST {n} training examples, T = 4, {os.environ.get('SNNLAB_THREADS')} thread(s), {len(full)} timed full-data epochs;"
      f" full-data epoch: wall {fw:.2f} s median ({fmin:.2f} s fastest), CPU {fc:.2f} s median")
print("method    r    visited  scoring_s  theory | wall median: s  speed-up share | wall fastest: speed-up share | CPU median: s  speed-up share")
for setting, rows in runs.items():
    m, r = setting.rsplit("-", 1); r = float(r); th = 1 / (1 - r)
    w, wmin, c = statistics.median(col(rows, "train_seconds")), min(col(rows, "train_seconds")), statistics.median(col(rows, "train_cpu_seconds"))
    sc, vis = statistics.median(col(rows, "scoring_seconds")), float(rows[0]["examples_visited"])
    print(f"{m:9s} {r:.1f} {vis:8.0f} {sc:10.3f} {th:7.2f} | {w:14.2f} {fw / w:9.2f} {100 * fw / w / th:4.0f}% |"
          f" {fmin / wmin:22.2f} {100 * fmin / wmin / th:4.0f}% | {c:12.2f} {fc / c:9.2f} {100 * fc / c / th:4.0f}%")
PY
echo "runs in $out"
