#!/usr/bin/env bash
# Installs the snnlab Jupyter kernels into the user's Jupyter data dir (idempotent: rewrites them):
#  - "snnlab" ("Java (snnlab)"): rapaio-jupyter-kernel 3.0.1 (JShell-based, MIT; resolved by our Maven
#    build into target/kernel/, never on the library's classpath) with snnlab and its dependencies on
#    RJK_CLASSPATH (rapaio splits it on ';'), the heap (SNNLAB_HEAP, default 6g), the CPU-specific
#    native settings of bin/cpu-env.sh (OPENBLAS_CORETYPE, the oneDNN -D option) and kernel/init.jsh
#    (the notebook imports) as RJK_INIT_SCRIPT.
#  - "snnlab-jjava" ("Java (snnlab, JJava)"): written only when a JJava kernel ("java", from
#    `pip install jjava`, see environment.yml) is installed: JJava's own kernel.json with
#    JJAVA_CLASSPATH, JJAVA_JVM_OPTS and JJAVA_STARTUP_SCRIPTS_PATH added.
# SNNLAB_KERNEL_NAME (default snnlab) renames both, e.g. one kernel per git worktree on a shared machine.
# `jupyter kernelspec list` shows them. Needs java 17+, maven and jupyter (Debian: jupyter-client;
# or the conda environment). JUPYTER=/path/to/jupyter picks the Jupyter to install into.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Every working Jupyter we can see: $JUPYTER, the one on PATH (a conda env's; the pyenv shim on PATH
# may lack jupyter_client, so it must answer `kernelspec list`), Debian's.
jupyters=()
for j in "${JUPYTER:-}" "$(command -v jupyter || true)" /usr/bin/jupyter; do
  [ -n "$j" ] && [ -x "$j" ] && "$j" kernelspec list >/dev/null 2>&1 || continue
  case " ${jupyters[*]:-} " in *" $j "*) ;; *) jupyters+=("$j") ;; esac
done
[ ${#jupyters[@]} -gt 0 ] || { echo "install: no working jupyter (apt-get install jupyter-client, or conda env create -f environment.yml)" >&2; exit 1; }
jupyter_bin="${jupyters[0]}"
python_bin="$(command -v /usr/bin/python3 || command -v python3)"

jar="$root/target/snnlab-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ ! -f "$root/target/kernel/rapaio-jupyter-kernel.jar" ] || [ ! -f "$root/target/classpath.txt" ] \
   || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -type f -print -quit)" ]; then
  echo "install: building snnlab (mvn package) ..." >&2
  (cd "$root" && mvn -q -B -DskipTests package >&2)
fi
# shellcheck source=/dev/null
. "$root/bin/cpu-env.sh"
cp="$jar:$(cat "$root/target/classpath.txt")"
java_bin="$(command -v java)"
heap="${SNNLAB_HEAP:-6g}"
threads="${SNNLAB_THREADS:-$(nproc)}"
init="$root/kernel/init.jsh"
name="${SNNLAB_KERNEL_NAME:-snnlab}"
case "$name" in *[!A-Za-z0-9._-]*|"") echo "install: bad SNNLAB_KERNEL_NAME '$name'" >&2; exit 2 ;; esac
data_dir="$("$jupyter_bin" --data-dir)/kernels"
mkdir -p "$data_dir/$name"
"$python_bin" - "$data_dir/$name/kernel.json" "$java_bin" "$heap" "$SNNLAB_MODULE_OPTS $SNNLAB_NATIVE_OPTS" \
  "$root/target/kernel/rapaio-jupyter-kernel.jar" "$cp" "${OPENBLAS_CORETYPE:-}" "$threads" "$init" <<'PY'
import json, sys
out, java, heap, native, jar, cp, core, threads, init = sys.argv[1:]
argv = [java, "-Xmx" + heap] + [o for o in native.split() if o] + [
    "--add-modules", "java.base,jdk.jshell", "-jar", jar, "{connection_file}"]
env = {"RJK_CLASSPATH": cp.replace(":", ";"), "RJK_TIMEOUT_MILLIS": "-1",
       "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": init, "OMP_NUM_THREADS": threads}
if core:
    env["OPENBLAS_CORETYPE"] = core
json.dump({"argv": argv, "display_name": "Java (snnlab)", "language": "java",
           "interrupt_mode": "message", "env": env,
           "metadata": {"snnlab": "written by kernel/install.sh"}}, open(out, "w"), indent=1)
PY
echo "installed kernel '$name' in $data_dir/$name" >&2

# JJava ("java" kernelspec of pip's jjava), in any of the Jupyters found.
src=""
for j in "${jupyters[@]}"; do
  src="$("$j" kernelspec list 2>/dev/null | awk '$1 == "java" {print $2; exit}')"
  [ -n "$src" ] && [ -f "$src/kernel.json" ] && break
  src=""
done
if [ -n "$src" ]; then
  mkdir -p "$data_dir/$name-jjava"
  "$python_bin" - "$src/kernel.json" "$data_dir/$name-jjava/kernel.json" "$cp" "-Xmx$heap $SNNLAB_MODULE_OPTS $SNNLAB_NATIVE_OPTS" \
    "${OPENBLAS_CORETYPE:-}" "$threads" "$init" <<'PY'
import json, sys
src, out, cp, opts, core, threads, init = sys.argv[1:]
spec = json.load(open(src))
env = spec.get("env", {})
env.update({"JJAVA_CLASSPATH": cp, "JJAVA_JVM_OPTS": opts.strip(), "JJAVA_STARTUP_SCRIPTS_PATH": init,
            "OMP_NUM_THREADS": threads})
if core:
    env["OPENBLAS_CORETYPE"] = core
spec["env"], spec["display_name"] = env, "Java (snnlab, JJava)"
json.dump(spec, open(out, "w"), indent=1)
PY
  echo "installed kernel '$name-jjava' (JJava, from $src) in $data_dir/$name-jjava" >&2
fi
