#!/usr/bin/python3
"""Writes the "snnlab-jjava" kernel.json from an installed JJava kernelspec (kernel/install.sh calls it).

JJava 1.0-a4 to 1.0-a7 (pip's `jjava`, or the kernelspec zip of a release) install a folder holding
kernel.json, jjava.jar and jjava-launcher.jar, with argv
    ["java", "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar", "{connection_file}"]
Jupyter expands {resource_dir} to the folder of the kernel.json it starts, so a copy of that file in
another folder points at jars that are not there; and the launcher starts a second JVM, the `java`
found on PATH. The spec written here starts the kernel jar itself, with the given Java:
    [java, OPTS..., "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "-jar", <JJava dir>/jjava.jar, "{connection_file}"]
(the command the launcher builds), keeping JJava's own env and interrupt mode, and adds
JJAVA_CLASSPATH, JJAVA_JVM_OPTS (the same options, for a launcher-started copy), JJAVA_STARTUP_SCRIPTS_PATH.
Older layouts work too (JJava 1.0-M: [python, launcher.py, "/abs/path/jjava-1.0-M3.jar", "{connection_file}"];
IJava: ["java", "-jar", "/abs/path/ijava.jar", "{connection_file}"]): the kernel is the first jar in argv
whose name does not say launcher.

usage: jjava_spec.py SRC_DIR OUT_KERNEL_JSON JAVA CLASSPATH OPTS OPENBLAS_CORETYPE THREADS INIT_SCRIPT
Exit 2 with one line on stderr when SRC_DIR holds no JJava spec it can use; nothing is written then.
"""
import json, os, sys


class Unusable(Exception):
    pass


def expand(arg, src):
    return arg.replace("{resource_dir}", src)


def kernel_jar(spec, src):
    """The JJava kernel jar the spec in folder src starts (an absolute path that exists): the first
    argv entry naming a .jar that is not a launcher ({resource_dir} expanded, relative to src)."""
    argv = spec.get("argv")
    if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv):
        raise Unusable("its argv is not a list of strings")
    jars = [expand(a, src) for a in argv if a.endswith(".jar") and "launcher" not in os.path.basename(a)]
    if not jars:
        raise Unusable("its argv names no kernel jar (argv: %s)" % " ".join(argv))
    jar = jars[0] if os.path.isabs(jars[0]) else os.path.join(src, jars[0])
    if not os.path.isfile(jar):
        raise Unusable("the kernel jar it starts, %s, does not exist" % jar)
    return os.path.abspath(jar)


def build(src, java, cp, opts, core, threads, init):
    path = os.path.join(src, "kernel.json")
    try:
        with open(path) as f:
            spec = json.load(f)
    except (OSError, ValueError) as e:
        raise Unusable("cannot read it (%s)" % (getattr(e, "strerror", None) or e))
    if not isinstance(spec, dict):
        raise Unusable("it is not a JSON object")
    jar = kernel_jar(spec, os.path.abspath(src))
    options = [o for o in opts.split() if o]
    argv = [java] + options + ["--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "-jar", jar, "{connection_file}"]
    env = dict(spec.get("env") or {})
    env.update({"JJAVA_CLASSPATH": cp, "JJAVA_JVM_OPTS": " ".join(options), "JJAVA_STARTUP_SCRIPTS_PATH": init,
                "OMP_NUM_THREADS": threads})
    if core:
        env["OPENBLAS_CORETYPE"] = core
    if os.environ.get("OMP_WAIT_POLICY"):  # bin/cpu-env.sh's choice, as bin/snnlab runs with it
        env["OMP_WAIT_POLICY"] = os.environ["OMP_WAIT_POLICY"]
    return {"argv": argv, "display_name": "Java (snnlab, JJava)", "language": spec.get("language", "java"),
            "interrupt_mode": spec.get("interrupt_mode", "message"), "env": env,
            "metadata": {"snnlab": "written by kernel/install.sh", "jjava_spec": os.path.abspath(src), "jjava_jar": jar}}


def main():
    src, out, java, cp, opts, core, threads, init = sys.argv[1:9]
    try:
        spec = build(src, java, cp, opts, core, threads, init)
    except Unusable as e:
        print("install: the JJava kernelspec %s cannot be used: %s; snnlab-jjava not written"
              % (os.path.join(src, "kernel.json"), e), file=sys.stderr)
        sys.exit(2)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump(spec, f, indent=1)


if __name__ == "__main__":
    main()
