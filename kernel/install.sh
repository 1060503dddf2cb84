#!/usr/bin/env bash
# Installs the snnlab Jupyter kernels into the user's Jupyter data dir (idempotent: rewrites them):
#  - "snnlab" ("Java (snnlab)"): rapaio-jupyter-kernel 3.0.1 (JShell-based, MIT; resolved by our Maven
#    build into target/kernel/, never on the library's classpath) with snnlab and its dependencies on
#    RJK_CLASSPATH (rapaio splits it on ';'), the heap (SNNLAB_HEAP, default 6g), the CPU-specific
#    native settings of bin/cpu-env.sh (OPENBLAS_CORETYPE, the oneDNN -D option) and kernel/init.jsh
#    (the notebook imports) as RJK_INIT_SCRIPT. "interrupt_mode": "signal": an interrupt is a SIGINT that
#    the -javaagent target/kernel/snnlab-interrupts.jar (org.snnlab.notebook.InterruptAgent, packed here)
#    turns into Thread.interrupt() of the running cell (rapaio's own interrupt message loses the reply).
#  - "snnlab-jjava" ("Java (snnlab, JJava)"): written when a JJava kernel ("java" kernelspec, from
#    `pip install jjava` or a release's kernelspec zip; SNNLAB_JJAVA_SPEC=DIR picks one folder) of
#    1.0-a4..1.0-a7 (or an older one-jar layout) is installed: kernel/jjava_spec.py starts JJava's kernel
#    jar from that folder with the same Java and options as "snnlab", plus JJAVA_CLASSPATH,
#    JJAVA_JVM_OPTS, JJAVA_STARTUP_SCRIPTS_PATH. A JJava spec it cannot use: one line, and no snnlab-jjava
#    (exit 2 instead when SNNLAB_REQUIRE_JJAVA=1, as `snnlab reproduce --kernel NAME-jjava` sets).
# SNNLAB_KERNEL_NAME (default snnlab) renames both (NAME and NAME-jjava), e.g. one kernel per git
# worktree on a shared machine. A kernelspec folder of that name that this script did not write is
# never overwritten (one line, exit 2). `jupyter kernelspec list` shows them. Needs java 17+, maven
# and jupyter (Debian: jupyter-client; or the conda environment). JUPYTER=/path/to/jupyter picks the
# Jupyter to install into; JUPYTER_DATA_DIR moves its kernels folder, as for Jupyter itself.
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
# the rapaio kernel's -javaagent (org.snnlab.notebook.InterruptAgent): SIGINT interrupts the running cell
agent="$root/target/kernel/snnlab-interrupts.jar"
if [ ! -f "$agent" ] || [ "$jar" -nt "$agent" ]; then
  printf 'Premain-Class: org.snnlab.notebook.InterruptAgent\n' > "$root/target/kernel/agent.mf"
  jar_bin="$(dirname "$(readlink -f "$java_bin")")/jar"; [ -x "$jar_bin" ] || jar_bin=jar
  (cd "$root/target/classes" && "$jar_bin" --create --file "$agent" --manifest "$root/target/kernel/agent.mf" \
    org/snnlab/notebook/InterruptAgent.class org/snnlab/notebook/Interrupts.class)
fi
heap="${SNNLAB_HEAP:-6g}"
threads="${SNNLAB_THREADS:-$(nproc)}"
init="$root/kernel/init.jsh"
name="${SNNLAB_KERNEL_NAME:-snnlab}"
case "$name" in *[!A-Za-z0-9._-]*|"") echo "install: bad SNNLAB_KERNEL_NAME '$name'" >&2; exit 2 ;; esac
data_dir="$("$jupyter_bin" --data-dir)/kernels"
# never overwrite a kernelspec someone else wrote (e.g. --kernel java would replace JJava's own)
# (ours: our metadata marker, or the display name older versions of this script gave without one)
ours() { [ ! -e "$1/kernel.json" ] || grep -q -e '"snnlab": "written by kernel/install.sh"' -e '"display_name": "Java (snnlab' "$1/kernel.json"; }
for k in "$name" "$name-jjava"; do
  ours "$data_dir/$k" || { echo "install: $data_dir/$k/kernel.json was not written by kernel/install.sh; not overwriting it (pick another SNNLAB_KERNEL_NAME)" >&2; exit 2; }
done
mkdir -p "$data_dir/$name"
"$python_bin" - "$data_dir/$name/kernel.json" "$java_bin" "$heap" "$SNNLAB_MODULE_OPTS $SNNLAB_NATIVE_OPTS" \
  "$root/target/kernel/rapaio-jupyter-kernel.jar" "$cp" "${OPENBLAS_CORETYPE:-}" "$threads" "$init" "$agent" <<'PY'
import json, sys
out, java, heap, native, jar, cp, core, threads, init, agent = sys.argv[1:]
argv = [java, "-Xmx" + heap, "-javaagent:" + agent] + [o for o in native.split() if o] + [
    "--add-modules", "java.base,jdk.jshell", "-jar", jar, "{connection_file}"]
env = {"RJK_CLASSPATH": cp.replace(":", ";"), "RJK_TIMEOUT_MILLIS": "-1",
       "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": init, "OMP_NUM_THREADS": threads}
if core:
    env["OPENBLAS_CORETYPE"] = core
import os
if os.environ.get("OMP_WAIT_POLICY"):  # bin/cpu-env.sh's choice, as bin/snnlab runs with it
    env["OMP_WAIT_POLICY"] = os.environ["OMP_WAIT_POLICY"]
json.dump({"argv": argv, "display_name": "Java (snnlab)", "language": "java",
           "interrupt_mode": "signal", "env": env,
           "metadata": {"snnlab": "written by kernel/install.sh"}}, open(out, "w"), indent=1)
PY
echo "installed kernel '$name' in $data_dir/$name" >&2

# JJava ("java" kernelspec of pip's jjava, or SNNLAB_JJAVA_SPEC), in any of the Jupyters found.
src="${SNNLAB_JJAVA_SPEC:-}"
if [ -z "$src" ]; then
  for j in "${jupyters[@]}"; do
    src="$("$j" kernelspec list 2>/dev/null | awk '$1 == "java" {print $2; exit}')"
    [ -n "$src" ] && [ -f "$src/kernel.json" ] && break
    src=""
  done
fi
if [ -z "$src" ]; then
  if [ "${SNNLAB_REQUIRE_JJAVA:-0}" = 1 ]; then
    echo "install: no JJava kernel found (no 'java' kernelspec in ${jupyters[*]}; pip install jjava, or set SNNLAB_JJAVA_SPEC=DIR)" >&2
    exit 2
  fi
  exit 0
fi
rc=0
"$python_bin" "$root/kernel/jjava_spec.py" "$src" "$data_dir/$name-jjava/kernel.json" "$java_bin" "$cp" \
  "-Xmx$heap $SNNLAB_MODULE_OPTS $SNNLAB_NATIVE_OPTS" "${OPENBLAS_CORETYPE:-}" "$threads" "$init" || rc=$?
if [ "$rc" = 0 ]; then
  echo "installed kernel '$name-jjava' (JJava, from $src) in $data_dir/$name-jjava" >&2
elif [ "${SNNLAB_REQUIRE_JJAVA:-0}" = 1 ]; then
  exit 2
fi
