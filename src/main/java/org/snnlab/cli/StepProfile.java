package org.snnlab.cli;

import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.core.Workspace;
import org.snnlab.loss.CrossEntropyCount;
import org.snnlab.loss.LossResult;
import org.snnlab.model.Sequential;
import org.snnlab.optim.Adam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one training step's time goes: the calls {@link org.snnlab.train.TrainStep#run} makes, in
 * its order, each timed alone (every layer's forward, the loss with its prediction, zeroing the
 * gradients, every layer's backward from the top, the Adam step). ND4J's CPU ops are synchronous,
 * so the parts add up to the step. Median milliseconds over {@code reps} steps, by part.
 */
final class StepProfile {
    private StepProfile() { }

    static Map<String, Object> measure(Sequential net, Adam adam, CrossEntropyCount loss, List<Seq> xs, List<int[]> ys,
                                       ComputeOptions compute, int reps) {
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        for (int r = 0; r < reps; r++) {
            Seq x = xs.get(r % xs.size());
            int[] y = ys.get(r % ys.size());
            Workspace.step("bench", compute, () -> {
                oneStep(net, loss, x, y, Pass.train(1).withCompute(compute), ms);
                return null;
            });
            long t0 = System.nanoTime();
            adam.step(net.params(), 1e-3, compute);
            add(ms, "adam", t0);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        double total = 0;
        for (var e : ms.entrySet()) {
            double m = BenchCommand.median(e.getValue());
            total += m;
            out.put(e.getKey(), Math.round(m * 100) / 100.0);
        }
        out.put("sum", Math.round(total * 100) / 100.0);
        return out;
    }

    private static void oneStep(Sequential net, CrossEntropyCount loss, Seq x, int[] y, Pass pass, Map<String, List<Double>> ms) {
        List<Layer> layers = net.layers();
        List<Forward> fs = new ArrayList<>();
        Seq h = x;
        for (int i = 0; i < layers.size(); i++) {
            long t0 = System.nanoTime();
            Forward f = layers.get(i).forward(h, pass);
            fs.add(f);
            h = f.output();
            add(ms, "forward " + net.names().get(i), t0);
        }
        long t0 = System.nanoTime();
        LossResult res = loss.evaluate(h, y, null);
        loss.predict(h);
        add(ms, "loss", t0);
        t0 = System.nanoTime();
        net.zeroGrad();
        add(ms, "zero_grad", t0);
        int first = 0;
        while (first < layers.size() && layers.get(first).params().isEmpty()) first++;
        Seq g = res.gradient();
        for (int i = layers.size() - 1; i >= 0; i--) {
            boolean need = i > first;
            t0 = System.nanoTime();
            g = fs.get(i).backward(g, need);
            add(ms, "backward " + net.names().get(i), t0);
            if (!need) break;
        }
    }

    private static void add(Map<String, List<Double>> ms, String key, long t0) {
        ms.computeIfAbsent(key, k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
    }
}
