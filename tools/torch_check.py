#!/usr/bin/python3
"""Java-vs-PyTorch gradient agreement for the fc benchmark net (issue 2 acceptance; outside CI).

`bin/snnlab bench --model fc --dump DIR` writes the weights, one input batch, the labels, the loss and
every gradient snnlab computed (float32 .npy). This script loads the same weights and batch into the
PyTorch reference network (shared/reference/torch_snn_bench.py, imported, not copied), runs one
forward/backward, and prints the relative error ||java - torch|| / ||torch|| of the loss and of each
gradient as one JSON line. Exit code 1 when any error exceeds --tol (default 1e-5).

usage: /usr/bin/python3 tools/torch_check.py DIR [--reference ../shared/reference/torch_snn_bench.py]
"""
import argparse, importlib.util, json, os, sys
import numpy as np
import torch
import torch.nn.functional as F


def load_reference(path):
    spec = importlib.util.spec_from_file_location("torch_snn_bench", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--reference", default=os.path.join(here, "..", "..", "shared", "reference", "torch_snn_bench.py"))
    ap.add_argument("--tol", type=float, default=1e-5)
    a = ap.parse_args()
    ref = load_reference(a.reference)
    d = lambda n: np.load(os.path.join(a.dir, n + ".npy"))
    T = int(d("time_steps").reshape(-1)[0])
    net = ref.Fc(T)
    with torch.no_grad():  # snnlab stores Dense weights as [in, out]; torch Linear as [out, in]
        net.fc1.weight.copy_(torch.from_numpy(d("w1").T.copy()))
        net.fc1.bias.copy_(torch.from_numpy(d("b1").reshape(-1)))
        net.fc2.weight.copy_(torch.from_numpy(d("w2").T.copy()))
        net.fc2.bias.copy_(torch.from_numpy(d("b2").reshape(-1)))
    x = torch.from_numpy(d("x"))
    y = torch.from_numpy(d("y").reshape(-1).astype(np.int64))
    loss = F.cross_entropy(net(x), y)
    loss.backward()
    rel = lambda j, t: float(np.linalg.norm(j - t) / max(np.linalg.norm(t), 1e-30))
    out = {"loss_java": float(d("loss").reshape(-1)[0]), "loss_torch": float(loss.item())}
    out["loss"] = abs(out["loss_java"] - out["loss_torch"]) / abs(out["loss_torch"])
    out["grad_w1"] = rel(d("gw1"), net.fc1.weight.grad.numpy().T)
    out["grad_b1"] = rel(d("gb1").reshape(-1), net.fc1.bias.grad.numpy())
    out["grad_w2"] = rel(d("gw2"), net.fc2.weight.grad.numpy().T)
    out["grad_b2"] = rel(d("gb2").reshape(-1), net.fc2.bias.grad.numpy())
    worst = max(v for k, v in out.items() if not k.startswith("loss_"))
    out["max_rel_error"] = worst
    out["pass"] = worst <= a.tol
    print(json.dumps(out))
    sys.exit(0 if out["pass"] else 1)


if __name__ == "__main__":
    main()
