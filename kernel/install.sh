#!/usr/bin/env bash
# Installs the snnlab Jupyter kernels (idempotent):
#  - "snnlab": rapaio-jupyter-kernel (JShell-based, MIT; resolved by our Maven build into
#    target/kernel/) with snnlab and its dependencies on the classpath and the CPU-specific native
#    settings of bin/cpu-env.sh. rapaio splits RJK_CLASSPATH on ';' (each entry a glob), not ':'.
#    Notebooks start with their own import cell, so they run the same in rapaio, JJava and JShell.
#  - "snnlab-jjava": the same for JJava, written only when a JJava kernel ("java", from
#    `pip install jjava`, see environment.yml) is installed.
# `jupyter kernelspec list` shows them. Needs java 17+, maven and jupyter (Debian: jupyter-client).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jupyter_bin="$(command -v /usr/bin/jupyter || command -v jupyter || true)"
[ -n "$jupyter_bin" ] || { echo "install: jupyter not found (apt-get install jupyter-client, or conda env create -f environment.yml)" >&2; exit 1; }
jar="$root/target/snnlab-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ ! -f "$root/target/kernel/rapaio-jupyter-kernel.jar" ] \
   || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -type f -print -quit)" ]; then
  (cd "$root" && mvn -q -B -DskipTests package >&2)
fi
# shellcheck source=/dev/null
. "$root/bin/cpu-env.sh"
cp="$jar:$(cat "$root/target/classpath.txt")"
java_bin="$(command -v java)"
heap="${SNNLAB_HEAP:-6g}"
threads="${SNNLAB_THREADS:-$(nproc)}"
data_dir="$("$jupyter_bin" --data-dir)/kernels"
mkdir -p "$data_dir/snnlab"
/usr/bin/env python3 - "$data_dir/snnlab/kernel.json" "$java_bin" "$heap" "$SNNLAB_NATIVE_OPTS" \
  "$root/target/kernel/rapaio-jupyter-kernel.jar" "$cp" "${OPENBLAS_CORETYPE:-}" "$threads" <<'PY'
import json, sys
out, java, heap, native, jar, cp, core, threads = sys.argv[1:]
argv = [java, "-Xmx" + heap] + [o for o in native.split() if o] + [
    "--add-modules", "java.base,jdk.jshell", "-jar", jar, "{connection_file}"]
env = {"RJK_CLASSPATH": cp.replace(":", ";"), "RJK_TIMEOUT_MILLIS": "-1",
       "RJK_COMPILER_OPTIONS": "", "OMP_NUM_THREADS": threads}
if core:
    env["OPENBLAS_CORETYPE"] = core
json.dump({"argv": argv, "display_name": "Java (snnlab)", "language": "java",
           "interrupt_mode": "message", "env": env}, open(out, "w"), indent=1)
PY
echo "installed kernel 'snnlab' in $data_dir/snnlab" >&2
if "$jupyter_bin" kernelspec list 2>/dev/null | grep -qE '^\s+java\s'; then
  src="$("$jupyter_bin" kernelspec list | awk '$1 == "java" {print $2}')"
  mkdir -p "$data_dir/snnlab-jjava"
  /usr/bin/env python3 - "$src/kernel.json" "$data_dir/snnlab-jjava/kernel.json" "$cp" "$heap $SNNLAB_NATIVE_OPTS" \
    "${OPENBLAS_CORETYPE:-}" "$threads" <<'PY'
import json, sys
src, out, cp, opts, core, threads = sys.argv[1:]
spec = json.load(open(src))
env = spec.get("env", {})
env.update({"JJAVA_CLASSPATH": cp, "JJAVA_JVM_OPTS": "-Xmx" + opts, "OMP_NUM_THREADS": threads})
if core:
    env["OPENBLAS_CORETYPE"] = core
spec["env"], spec["display_name"] = env, "Java (snnlab, JJava)"
json.dump(spec, open(out, "w"), indent=1)
PY
  echo "installed kernel 'snnlab-jjava' (JJava) in $data_dir/snnlab-jjava" >&2
fi
