#!/usr/bin/python3
"""Measures how fast a training cell stops after a Jupyter interrupt, in an installed snnlab kernel.

Starts KERNEL, trains an fc network on 2000 Fashion-MNIST images for 50 epochs in one cell (the
NotebookProgress bar on, as in the notebooks), sends interrupt_kernel() after WAIT seconds (the
kernelspec's interrupt_mode decides: a message, or SIGINT) and prints
  - reply: seconds from the interrupt to the cell's execute_reply (None: no reply within --max);
  - folder free: seconds from the interrupt until a next cell can take the run folder's lock, i.e.
    until Trainer.fit has returned (an upper bound: it includes the next cell's start and polling);
  - the metrics.csv rows and the checkpoint kept, and that no row is added 3 s later.

usage: JUPYTER_DATA_DIR=... /usr/bin/python3 tools/interrupt_probe.py KERNEL [--wait 30] [--max 60] [--runs DIR]
"""
import argparse, os, queue, re, shutil, sys, time
from jupyter_client import KernelManager

SETUP = """DataCatalog.TrainTest fmnist = DataCatalog.load("fashion-mnist", null, null);
Dataset train = fmnist.train().limit(2000);
Dataset test = fmnist.test().limit(500);
Path out = Path.of("%s");
Trainer trainer = Trainer.builder(Models.fc(784, 256, 10, LifConfig.of(0.95, 1.0), LifConfig.Output.MEMBRANE, DataType.FLOAT, new SplittableRandom(1)), out)
    .loss(new CrossEntropyMembrane()).optimizer(new Adam(0.9, 0.999, 1e-8, 0)).schedule(new ConstantLr(1e-3))
    .encoder(new DirectEncoder()).config(new TrainConfig(50, 128, 25, 1, 0, true)).info(Map.of("probe", "interrupt")).build();
trainer.addListener(new NotebookProgress());
System.out.println("display target " + Display.target());"""
TRAIN = "TrainResult result = trainer.fit(train, test);"
AFTER = """long w0 = System.currentTimeMillis(); boolean free = false;
while (!free && System.currentTimeMillis() - w0 < 20_000) { try (RunLock l = RunLock.acquire(out)) { free = true; } catch (Exception e) { Thread.sleep(10); } }
long stopped = System.currentTimeMillis();
int rows = Files.readAllLines(out.resolve("metrics.csv")).size() - 1; Thread.sleep(3000);
System.out.println("FREE " + free + " AT " + stopped + " ROWS " + rows + " THEN " + (Files.readAllLines(out.resolve("metrics.csv")).size() - 1) + " CKPT " + Files.exists(out.resolve("checkpoint.bin")));"""


def start(kernel, log):
    for grace in (6, 12, 24):  # rapaio drops requests that arrive before its handlers are registered
        km = KernelManager(kernel_name=kernel)
        km.start_kernel(stdout=log, stderr=log)
        time.sleep(grace)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            return km, kc
        except RuntimeError:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    sys.exit("interrupt_probe: %s did not start" % kernel)


def reply(kc, mid, timeout):
    t0 = time.time()
    while time.time() - t0 < timeout:
        try:
            m = kc.get_shell_msg(timeout=0.2)
        except queue.Empty:
            continue
        if m["parent_header"].get("msg_id") == mid and m["msg_type"] == "execute_reply":
            return m["content"]
    return None


def output(kc):
    text = []
    while True:
        try:
            m = kc.get_iopub_msg(timeout=0.3)
        except queue.Empty:
            return "".join(text)
        c = m["content"]
        if m["msg_type"] == "stream":
            text.append(c["text"])
        elif m["msg_type"] == "error":
            text.append("ERROR %s: %s\n" % (c["ename"], c["evalue"][:400]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kernel")
    ap.add_argument("--wait", type=float, default=30)
    ap.add_argument("--max", type=float, default=60)
    ap.add_argument("--runs", default="/tmp/snnlab-interrupt-probe")
    a = ap.parse_args()
    run = os.path.join(a.runs, a.kernel)
    shutil.rmtree(run, ignore_errors=True)
    os.makedirs(a.runs, exist_ok=True)
    km, kc = start(a.kernel, open(os.path.join(a.runs, a.kernel + ".kernel.log"), "w"))
    try:
        r = reply(kc, kc.execute(SETUP % run), 300)
        print("setup:", r and r["status"], output(kc).strip())
        mid = kc.execute(TRAIN)
        time.sleep(a.wait)
        output(kc)
        t0 = time.time()
        km.interrupt_kernel()
        r = reply(kc, mid, a.max)
        dt = time.time() - t0
        print("interrupt_mode %s: reply %s after %.2f s; %s" % (km.kernel_spec.interrupt_mode, r and r["status"],
                                                                 dt, output(kc).strip()[-400:]))
        if r is None:
            return 1
        kc.execute(AFTER)
        text = ""
        for _ in range(100):
            text += output(kc)
            if "FREE" in text:
                break
        m = re.search(r"FREE (\w+) AT (\d+) ROWS (\d+) THEN (\d+) CKPT (\w+)", text)
        if m:
            print("folder free %s %.2f s after the interrupt; metrics rows %s (3 s later %s), checkpoint %s"
                  % (m.group(1), int(m.group(2)) / 1000 - t0, m.group(3), m.group(4), m.group(5)))
        else:
            print("after cell:", text.strip()[-400:])
        return 0
    finally:
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    sys.exit(main())
