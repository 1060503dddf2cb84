package org.snnlab.layer;

import org.snnlab.core.Forward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.SplittableRandom;

/**
 * Forward + backward timing of {@link Conv2d} at the QSNN conv net's shapes; not a test (skipped unless
 * {@code -Dsnnlab.bench=true}). Run it with and without the oneDNN natives:
 * {@code mvn -o test -Dtest=ConvTiming -Dsnnlab.native.opts="-Dsnnlab.bench=true
 * -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx512"} with {@code OPENBLAS_CORETYPE=SkylakeX}.
 */
@EnabledIfSystemProperty(named = "snnlab.bench", matches = "true")
class ConvTiming {

    static void time(String name, Conv2d conv, long... shape) {
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        Seq in = Seq.of(x, 1);
        int reps = Integer.getInteger("snnlab.bench.reps", 3);
        for (int r = -1; r < reps; r++) { // r = -1: warm-up
            long t0 = System.nanoTime();
            Forward f = conv.forward(in, Pass.train(1));
            Nd4j.getExecutioner().commit();
            long t1 = System.nanoTime();
            f.backward(Seq.of(f.output().data().ulike().assign(0.01), 1), true);
            long t2 = System.nanoTime();
            if (r >= 0) System.out.printf("timing %s fwd %.0f ms, bwd %.0f ms%n", name, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
    }

    @Test
    void convShapes() {
        System.out.println("timing natives: extension=" + System.getProperty("org.bytedeco.javacpp.platform.extension")
                + " OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE"));
        SplittableRandom rng = new SplittableRandom(1);
        Nd4j.create(1); // loads the natives
        try {
            java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/maps")).stream()
                    .filter(l -> l.contains("nd4j") || l.contains("dnnl") || l.contains("openblas"))
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).distinct()
                    .forEach(l -> System.out.println("timing lib " + l));
        } catch (java.io.IOException e) {
            System.out.println("timing lib (no /proc/self/maps)");
        }
        time("16->64 k5 [3200,16,12,12]", new Conv2d(16, 64, 5, 1, 0, true, DataType.FLOAT, rng), 3200, 16, 12, 12);
        time("1->16 k5 [128,1,28,28]", new Conv2d(1, 16, 5, 1, 0, true, DataType.FLOAT, rng), 128, 1, 28, 28);
        time("1->16 k5 [3200,1,28,28]", new Conv2d(1, 16, 5, 1, 0, true, DataType.FLOAT, rng), 3200, 1, 28, 28);
    }
}
