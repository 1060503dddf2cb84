#!/usr/bin/python3
"""Writes the NIR test fixtures of this folder in the reference layout (nir 1.0.x's nir.write):
variable-length string datasets, gzip-compressed chunked arrays, scalar datasets for scalars,
input_type / output_type groups beside each node's parameters, no snnlab metadata. The expected
outputs are NIR's ODEs integrated by forward Euler at dt = 1e-4 (spike when v > v_threshold, then
v <- v_reset = 0), computed here with numpy, independently of snnlab.

Run with Debian's python3-h5py:  /usr/bin/python3 src/test/resources/nir/make_fixtures.py
"""
import json
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DT = 1e-4
STR = h5py.string_dtype()
rng = np.random.default_rng(2024)


def arr(g, name, v):
    v = np.asarray(v)
    g.create_dataset(name, data=v, dtype=v.dtype, compression="gzip")


def types(g, shape_in, shape_out):
    if shape_in is not None:
        arr(g.create_group("input_type"), "input", np.array(shape_in, dtype=np.int64))
    if shape_out is not None:
        arr(g.create_group("output_type"), "output", np.array(shape_out, dtype=np.int64))


def node(nodes, name, typ, fields, shape_in=None, shape_out=None):
    g = nodes.create_group(name)
    g.create_dataset("type", data=typ, dtype=STR)
    for k, v in fields.items():
        if isinstance(v, str):
            g.create_dataset(k, data=v, dtype=STR)
        elif isinstance(v, np.ndarray):
            arr(g, k, v)
        else:
            g.create_dataset(k, data=v)
    types(g, shape_in, shape_out)
    return g


def graph(group, edges):
    group.create_dataset("type", data="NIRGraph", dtype=STR)
    group.create_dataset("edges", data=np.array(edges, dtype=object), dtype=STR)
    return group.create_group("nodes")


def open_file(name, libver="earliest"):
    f = h5py.File(os.path.join(HERE, name), "w", libver=libver)
    f.create_dataset("version", data="1.0.7", dtype=STR)
    return f, f.create_group("node")


def lif_fields(beta, thr):
    tau = (DT / (1 - beta)).astype(np.float32)
    return {"tau": tau, "r": (tau / DT).astype(np.float32), "v_leak": np.zeros_like(tau),
            "v_threshold": thr.astype(np.float32), "v_reset": np.zeros_like(tau)}


def lif_run(cur, beta, thr):
    """cur: (T, B, N). v[t] = beta v[t-1] + cur[t]; spike v > thr; v <- 0."""
    v = np.zeros(cur.shape[1:])
    out = np.zeros_like(cur)
    for t in range(cur.shape[0]):
        v = beta * v + cur[t]
        s = (v > thr).astype(np.float64)
        out[t] = s
        v = v * (1 - s)
    return out


def spikes(T, B, shape, p):
    return (rng.random((T, B) + tuple(shape)) < p).astype(np.float32)


expected = {}

# 1. snnTorch-style Leaky export: Input -> Affine -> LIF -> Output
T, B = 10, 2
W = rng.normal(0, 0.6, (3, 4)).astype(np.float32)
b = rng.normal(0, 0.1, 3).astype(np.float32)
beta = np.array([0.9, 0.8, 0.95])
thr = np.array([0.5, 0.4, 0.6])
f, root = open_file("snntorch_affine_lif.nir")
nodes = graph(root, [["input", "fc1"], ["fc1", "lif1"], ["lif1", "output"]])
node(nodes, "input", "Input", {"shape": np.array([4], dtype=np.int64)}, [4], None)
node(nodes, "fc1", "Affine", {"weight": W, "bias": b}, [4], [3])
fl = lif_fields(beta, thr)
node(nodes, "lif1", "LIF", fl, [3], [3])
node(nodes, "output", "Output", {"shape": np.array([3], dtype=np.int64)}, None, [3])
f.close()
x = spikes(T, B, [4], 0.5)
beta32 = 1 - DT / fl["tau"].astype(np.float64)
y = lif_run(x.astype(np.float64) @ W.T.astype(np.float64) + b, beta32, thr.astype(np.float32).astype(np.float64))
expected["snntorch_affine_lif.nir"] = {"T": T, "B": B, "input_shape": [4], "input": x.ravel().tolist(), "output": y.ravel().tolist()}

# 2. Conv2d (padding 1) -> SumPool2d -> Flatten (torch's start_dim 1) -> Linear -> CubaLIF with gain != 1
T, B = 8, 2
K = rng.normal(0, 0.7, (2, 1, 3, 3)).astype(np.float32)
kb = rng.normal(0, 0.1, 2).astype(np.float32)
L = rng.normal(0, 0.5, (3, 18)).astype(np.float32)
tau_syn, tau_mem, r, w_in = 5e-4, 1e-3, 1.0, 1.0  # Norse-like: r = w_in = 1, so the input gain is 0.2 * 0.1
vth = np.array([0.004, 0.006, 0.005])
f, root = open_file("conv_sumpool_cubalif.nir")
nodes = graph(root, [["input", "conv"], ["conv", "pool"], ["pool", "flat"], ["flat", "fc"], ["fc", "cuba"], ["cuba", "output"]])
node(nodes, "input", "Input", {"shape": np.array([1, 6, 6], dtype=np.int64)}, [1, 6, 6], None)
node(nodes, "conv", "Conv2d", {"weight": K, "bias": kb, "stride": np.array([1, 1]), "padding": np.array([1, 1]),
                               "dilation": np.array([1, 1]), "groups": 1, "input_shape": np.array([6, 6])})
node(nodes, "pool", "SumPool2d", {"kernel_size": np.array([2, 2]), "stride": np.array([2, 2]), "padding": np.array([0, 0])})
node(nodes, "flat", "Flatten", {"start_dim": 1, "end_dim": -1, "input_type": np.array([2, 3, 3])})
node(nodes, "fc", "Linear", {"weight": L})
node(nodes, "cuba", "CubaLIF", {"tau_syn": np.full(3, tau_syn, np.float32), "tau_mem": np.full(3, tau_mem, np.float32),
                                "r": np.full(3, r, np.float32), "v_leak": np.zeros(3, np.float32), "w_in": np.full(3, w_in, np.float32),
                                "v_threshold": vth.astype(np.float32), "v_reset": np.zeros(3, np.float32)})
node(nodes, "output", "Output", {"shape": np.array([3], dtype=np.int64)})
f.close()
x = spikes(T, B, [1, 6, 6], 0.5).astype(np.float64)
xp = np.pad(x, ((0, 0), (0, 0), (0, 0), (1, 1), (1, 1)))
conv = np.zeros((T, B, 2, 6, 6))
for o in range(2):
    for i in range(3):
        for j in range(3):
            conv[:, :, o] += K[o, 0, i, j] * xp[:, :, 0, i:i + 6, j:j + 6]
    conv[:, :, o] += kb[o]
pool = conv.reshape(T, B, 2, 3, 2, 3, 2).sum(axis=(4, 6))
cur = pool.reshape(T, B, 18) @ L.T.astype(np.float64)
ts, tm = np.float64(np.float32(tau_syn)), np.float64(np.float32(tau_mem))
I = np.zeros((B, 3)); v = np.zeros((B, 3)); y = np.zeros((T, B, 3))
for t in range(T):
    I = (1 - DT / ts) * I + DT / ts * w_in * cur[t]
    v = (1 - DT / tm) * v + DT / tm * r * I
    s = (v > vth.astype(np.float32).astype(np.float64)).astype(np.float64)
    y[t] = s
    v = v * (1 - s)
expected["conv_sumpool_cubalif.nir"] = {"T": T, "B": B, "input_shape": [1, 6, 6], "input": x.ravel().tolist(), "output": y.ravel().tolist()}

# 3. snnTorch RLeaky layout: Input -> Affine -> NIRGraph{input, lif, w_rec, output} -> Output
T, B = 10, 2
W = rng.normal(0.3, 0.6, (5, 3)).astype(np.float32)
b = rng.normal(0, 0.1, 5).astype(np.float32)
V = rng.normal(0, 0.4, (5, 5)).astype(np.float32)  # NIR weight[post, pre]
beta = np.full(5, 0.85)
thr = np.full(5, 0.3)
f, root = open_file("rleaky.nir")
nodes = graph(root, [["input", "fc"], ["fc", "rlif"], ["rlif", "output"]])
node(nodes, "input", "Input", {"shape": np.array([3], dtype=np.int64)}, [3], None)
node(nodes, "fc", "Affine", {"weight": W, "bias": b}, [3], [5])
inner = graph(nodes.create_group("rlif"), [["input", "lif"], ["lif", "w_rec"], ["w_rec", "lif"], ["lif", "output"]])
node(inner, "input", "Input", {"shape": np.array([5], dtype=np.int64)}, [5], None)
fl = lif_fields(beta, thr)
node(inner, "lif", "LIF", fl, [5], [5])
node(inner, "w_rec", "Linear", {"weight": V}, [5], [5])
node(inner, "output", "Output", {"shape": np.array([5], dtype=np.int64)}, None, [5])
node(nodes, "output", "Output", {"shape": np.array([5], dtype=np.int64)}, None, [5])
f.close()
x = spikes(T, B, [3], 0.5).astype(np.float64)
ext = x @ W.T.astype(np.float64) + b
beta32 = 1 - DT / fl["tau"].astype(np.float64)
v = np.zeros((B, 5)); s = np.zeros((B, 5)); y = np.zeros((T, B, 5))
for t in range(T):
    v = beta32 * v * (1 - s) + ext[t] + s @ V.T.astype(np.float64)
    s = (v > np.float64(np.float32(0.3))).astype(np.float64)
    y[t] = s
expected["rleaky.nir"] = {"T": T, "B": B, "input_shape": [3], "input": x.ravel().tolist(), "output": y.ravel().tolist()}

with open(os.path.join(HERE, "expected.json"), "w") as out:
    json.dump(expected, out)

# Malformed files: each must fail with one line naming the node and the field.
def small(name, build):
    f, root = open_file(name, "latest")  # the compact layout keeps these files small
    build(root)
    f.close()


def chain(root, mid):
    nodes = graph(root, [["input", "n"], ["n", "output"]])
    node(nodes, "input", "Input", {"shape": np.array([3], dtype=np.int64)})
    mid(nodes)
    node(nodes, "output", "Output", {"shape": np.array([3], dtype=np.int64)})


small("bad_unknown_node.nir", lambda r: chain(r, lambda n: node(n, "n", "Delay", {"delay": np.ones(3, np.float32)})))
small("bad_missing_field.nir", lambda r: chain(r, lambda n: node(n, "n", "LIF", {
    k: v for k, v in lif_fields(np.full(3, 0.9), np.full(3, 0.5)).items() if k != "tau"})))
small("bad_wrong_shape.nir", lambda r: chain(r, lambda n: node(n, "n", "Affine", {
    "weight": np.ones((3, 5), np.float32), "bias": np.zeros(3, np.float32)})))


def branch(root):
    nodes = graph(root, [["input", "a"], ["input", "b"], ["a", "output"], ["b", "output"]])
    node(nodes, "input", "Input", {"shape": np.array([3], dtype=np.int64)})
    node(nodes, "a", "Linear", {"weight": np.eye(3, dtype=np.float32)})
    node(nodes, "b", "Linear", {"weight": np.eye(3, dtype=np.float32)})
    node(nodes, "output", "Output", {"shape": np.array([3], dtype=np.int64)})


small("bad_branch.nir", branch)
with open(os.path.join(HERE, "snntorch_affine_lif.nir"), "rb") as src:
    head = src.read()
with open(os.path.join(HERE, "bad_truncated.nir"), "wb") as out:
    out.write(head[:4096])
with open(os.path.join(HERE, "bad_not_hdf5.nir"), "wb") as out:
    out.write(b"this is not an HDF5 file\n")
