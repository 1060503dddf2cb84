"""The PyTorch reference benchmark (shared/reference/torch_snn_bench.py) at one point of the scaling
grid, with the hidden width of its fc net as a parameter and the process's peak resident memory
added to its JSON line. The reference's own networks, LIF loop, surrogate, loss, Adam and step loop
run unchanged: this wrapper only swaps its Fc class for one of width --hidden (the reference has 512)
and reads /proc/self/status after the reference's main() returns.

usage: /usr/bin/python3 tools/torch_scaling.py [--reference PATH] [--hidden 512] REFERENCE-ARGS...
prints one JSON line: the reference's fields + "hidden", "peak_rss_mb" (VmHWM).
"""
import contextlib, io, json, os, sys


def status_mb(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return round(int(line.split()[1]) / 1024.0, 1)
    return -1


from torch_check import load_reference as load  # the same loader of the shared reference module


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ref_path = os.environ.get("SNNLAB_TORCH_REFERENCE", os.path.join(here, "..", "..", "shared", "reference", "torch_snn_bench.py"))
    args, hidden, rest = sys.argv[1:], 512, []
    i = 0
    while i < len(args):
        if args[i] == "--reference":
            ref_path, i = args[i + 1], i + 2
        elif args[i] == "--hidden":
            hidden, i = int(args[i + 1]), i + 2
        else:
            rest.append(args[i])
            i += 1
    ref = load(ref_path)

    class Fc(ref.Fc):  # the reference's fc net at width `hidden` (its forward, unchanged)
        def __init__(self, T):
            ref.nn.Module.__init__(self)
            self.T, self.fc1, self.fc2 = T, ref.nn.Linear(2312, hidden), ref.nn.Linear(hidden, 10)

    ref.Fc = Fc
    sys.argv = [ref_path] + rest
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        ref.main()
    row = json.loads(out.getvalue().strip().splitlines()[-1])
    row["hidden"] = hidden if row["model"] == "fc" else 0
    row["peak_rss_mb"] = status_mb("VmHWM:")
    print(json.dumps(row))


if __name__ == "__main__":
    main()
