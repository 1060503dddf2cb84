# Sourced by bin/snnlab, the kernel installer and CI: sets OPENBLAS_CORETYPE and the oneDNN native
# build from the CPU's flags, and OpenMP's wait policy, never blindly (forcing SkylakeX on a CPU without avx512f crashes).
# Respects values already in the environment. Exports SNNLAB_NATIVE_OPTS (JVM -D options).
_flags="$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)"
_has() { case " $_flags " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if _has avx512f; then export OPENBLAS_CORETYPE=SkylakeX
  elif _has avx2; then export OPENBLAS_CORETYPE=Haswell
  fi
fi
# OpenMP (libgomp: OpenBLAS's and libnd4j's thread teams) lets its workers spin after every parallel
# region unless told otherwise; between two GEMMs snnlab runs its own SIMD loops on the Java common pool,
# and on a small machine the spinning worker takes a core from them. PASSIVE puts the workers to sleep
# at once (2 cores, 2026-12-02: the fc step's LIF and Adam parts 2.5 -> 1.6 ms and 1.85 -> 1.2 ms, the
# step 0.86 -> 0.90 of its GEMM floor). A value already set is kept. PyTorch runs every op in OpenMP
# regions and is faster spinning (fc 1,380 vs 1,190 samples/s), so the side-by-side benchmarks start
# the reference with the user's own setting, kept in SNNLAB_OMP_USER ("" = none).
if [ -z "${SNNLAB_OMP_USER+x}" ]; then export SNNLAB_OMP_USER="${OMP_WAIT_POLICY:-}"; fi
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
SNNLAB_NATIVE_OPTS="${SNNLAB_NATIVE_OPTS:-}"
if [ -z "$SNNLAB_NATIVE_OPTS" ] && [ "${SNNLAB_ONEDNN:-1}" = 1 ]; then
  if _has avx512f; then SNNLAB_NATIVE_OPTS="-Dorg.bytedeco.javacpp.platform.extension=-onednn-avx512"
  elif _has avx2; then SNNLAB_NATIVE_OPTS="-Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2"
  fi
fi
export SNNLAB_NATIVE_OPTS
# The SIMD spike-input products (org.snnlab.layer.VectorGather) need the incubating Vector API;
# without it snnlab falls back to OpenBLAS GEMMs. SNNLAB_VECTOR=0 leaves it out.
if [ "${SNNLAB_VECTOR:-1}" = 1 ]; then export SNNLAB_MODULE_OPTS="--add-modules=jdk.incubator.vector"
else export SNNLAB_MODULE_OPTS=""
fi
unset _flags
