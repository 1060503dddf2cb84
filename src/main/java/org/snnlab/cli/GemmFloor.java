package org.snnlab.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.layer.Dense;
import org.snnlab.core.Layer;
import org.snnlab.model.Sequential;

import java.util.ArrayList;
import java.util.List;

/**
 * The GEMM floor of one training step of a network of {@link Dense} layers: the matrix products a
 * step cannot avoid, timed alone with ND4J's sgemm on preallocated arrays. With {@code M = T*B} rows,
 * each Dense layer {@code in -> out} costs a forward {@code [M,in]x[in,out]} and a weight gradient
 * {@code [in,M]x[M,out]}, and every layer but the first also an input gradient {@code [M,out]x[out,in]}
 * (the network's input needs none): {@code 2*M*in*out} FLOPs each. The floor is the median time of
 * all of them; {@code step time / floor} says how much of a step is spent outside the GEMMs. The
 * benchmark runs the floor between its timed steps, one floor per step, so that both see the same load
 * on a shared machine, and reports the median of the paired ratios.
 */
final class GemmFloor {
    private GemmFloor() { }

    /** One product {@code c = op(a) x op(b)}. */
    private record Gemm(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb) {
        void run() {
            Nd4j.gemm(a, b, c, ta, tb, 1.0, 0.0);
        }

        double flops() {
            return 2.0 * c.size(0) * c.size(1) * (ta ? a.size(0) : a.size(1));
        }
    }

    /** The step's GEMMs on preallocated arrays, ready to run ({@link Plan#run}: milliseconds for all of them once). */
    record Plan(List<Gemm> gemms, double flops) {
        double run() {
            long t0 = System.nanoTime();
            for (Gemm g : gemms) g.run();
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /** The GEMMs of one training step of {@code net} on {@code rows = T*B} rows, warmed up once. */
    static Plan plan(Sequential net, long rows) {
        List<Gemm> gemms = new ArrayList<>();
        boolean first = true;
        for (Layer l : net.layers()) {
            if (!(l instanceof Dense d)) continue;
            long in = d.weight().value().size(0), out = d.weight().value().size(1);
            INDArray x = Nd4j.rand(DataType.FLOAT, rows, in), w = Nd4j.rand(DataType.FLOAT, in, out), g = Nd4j.rand(DataType.FLOAT, rows, out);
            gemms.add(new Gemm(x, w, Nd4j.create(DataType.FLOAT, rows, out), false, false));
            gemms.add(new Gemm(x, g, Nd4j.create(DataType.FLOAT, in, out), true, false));
            if (!first) gemms.add(new Gemm(g, w, Nd4j.create(DataType.FLOAT, rows, in), false, true));
            first = false;
        }
        if (gemms.isEmpty()) throw new IllegalArgumentException("the network has no Dense layer");
        Plan p = new Plan(gemms, gemms.stream().mapToDouble(Gemm::flops).sum());
        p.run(); // warm-up
        return p;
    }

    /** Median milliseconds and FLOPs of the step's GEMMs: {@code [ms, flops]}. */
    static double[] measure(Sequential net, long rows, int reps) {
        Plan p = plan(net, rows);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < reps; i++) ms.add(p.run());
        return new double[]{BenchCommand.median(ms), p.flops()};
    }
}
