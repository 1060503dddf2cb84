"""Writes shd_tiny.h5, a 3-sample file in the layout of the Spiking Heidelberg Digits (Cramer et al. 2020).

Run once with Debian's h5py:  /usr/bin/python3 make_fixture.py   (python3-h5py 3.7.0, HDF5 1.10)
The values are hand-picked so that ShdTest can check them literally.
"""
import h5py
import numpy as np

times = [[0.0, 0.0005, 0.25], [0.1], []]          # seconds
units = [[0, 699, 350], [7], []]                  # channel 0..699
with h5py.File("shd_tiny.h5", "w", libver="earliest") as f:
    f.attrs["note"] = "snnlab test fixture, SHD layout"
    s = f.create_group("spikes")
    vt = s.create_dataset("times", (3,), dtype=h5py.vlen_dtype(np.float16))
    vu = s.create_dataset("units", (3,), dtype=h5py.vlen_dtype(np.uint16))
    for i in range(3):
        vt[i] = np.array(times[i], dtype=np.float16)
        vu[i] = np.array(units[i], dtype=np.uint16)
    f.create_dataset("labels", data=np.array([3, 19, 0], dtype=np.uint16))
    e = f.create_group("extra")
    e.create_dataset("speaker", data=np.array([1, 2, 11], dtype=np.uint16))
    e.create_dataset("keys", data=np.array([b"%d" % i for i in range(10)] + [b"null", b"eins"]))
