# Sourced by bin/snnlab, the kernel installer and CI: sets OPENBLAS_CORETYPE and the oneDNN native
# build from the CPU's flags, never blindly (forcing SkylakeX on a CPU without avx512f crashes).
# Respects values already in the environment. Exports SNNLAB_NATIVE_OPTS (JVM -D options).
_flags="$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)"
_has() { case " $_flags " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if _has avx512f; then export OPENBLAS_CORETYPE=SkylakeX
  elif _has avx2; then export OPENBLAS_CORETYPE=Haswell
  fi
fi
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
