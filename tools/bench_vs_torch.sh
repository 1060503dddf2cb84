#!/usr/bin/env bash
# Side-by-side training throughput: snnlab vs the PyTorch CPU reference, alternating runs in one
# environment (same OPENBLAS_CORETYPE, same thread count). Prints every JSON line, then one summary
# JSON line with the medians and the ratio.
#   usage: tools/bench_vs_torch.sh fc|conv [rounds=3] [extra bench args...]
#          tools/bench_vs_torch.sh --scaling [--grid-* options, --rounds N, --out DIR]   (bin/snnlab bench --scaling:
#          the T x batch x width grid, one process per point, time and peak memory, CSV + figures)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" = --scaling ]; then
  export SNNLAB_TORCH_REFERENCE="${SNNLAB_TORCH_REFERENCE:-$root/../shared/reference/torch_snn_bench.py}"
  exec "$root/bin/snnlab" bench "$@"
fi
model="${1:?fc or conv}"; rounds="${2:-3}"; shift $(( $# >= 2 ? 2 : 1 ))
ref="${SNNLAB_TORCH_REFERENCE:-$root/../shared/reference/torch_snn_bench.py}"
# shellcheck source=/dev/null
. "$root/bin/cpu-env.sh"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
steps=10; [ "$model" = conv ] && steps=5
# The same untimed warm-up steps on both sides (snnlab also warms up for at least 2 s, its --warmup-seconds:
# the JIT compiles the SIMD loops in the background; PyTorch needs fewer, more does not slow it).
warmup="${SNNLAB_BENCH_WARMUP:-20}"; [ "$model" = conv ] && warmup="${SNNLAB_BENCH_WARMUP:-8}"
log="$(mktemp)"
for i in $(seq "$rounds"); do
  "$root/bin/snnlab" bench --model "$model" --steps "$steps" --warmup "$warmup" "$@" | tail -n 1 | tee -a "$log"
  torch_env=(env -u OMP_WAIT_POLICY); [ -n "$SNNLAB_OMP_USER" ] && torch_env=(env OMP_WAIT_POLICY="$SNNLAB_OMP_USER") # its own OpenMP setting (bin/cpu-env.sh)
  "${torch_env[@]}" /usr/bin/python3 "$ref" --model "$model" --steps "$steps" --warmup "$warmup" --threads "$OMP_NUM_THREADS" | tail -n 1 | tee -a "$log"
done
/usr/bin/python3 - "$log" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
med = lambda e: statistics.median(r["samples_per_s"] for r in rows if r["engine"] == e)
j, t = med("snnlab"), med("pytorch")
print(json.dumps({"summary": True, "model": rows[0]["model"], "rounds": len(rows) // 2,
                  "snnlab_samples_per_s": j, "pytorch_samples_per_s": t, "ratio": round(j / t, 3)}))
PY
rm -f "$log"
